import Directory
import MailStore

extension Administration {
    /// Bytes each user stores, from the mail index's usage sums, which every path that adds
    /// or removes mail keeps current (POP3 deletions included). Before any server has run
    /// on the data (no mail index yet), the directory's summary stands in. This is the one
    /// place `user list` learns quota usage from.
    func quotaUsage() throws(AdminError) -> (User) -> Int64 {
        let stored = try storeCall { try MailStore.storedUsage(database: directory.database) }
        guard let stored else { return { $0.quotaUsedBytes } }
        return { stored[.user($0.name)]?.bytes ?? 0 }
    }
}
