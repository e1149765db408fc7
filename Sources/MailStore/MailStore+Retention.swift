import Foundation
import GRDB

extension MailStore {
    /// UIDs of the messages that entered `mailbox` before `date` (by the time they were
    /// indexed there, not their internal date): what a retention period removes.
    public func messages(in mailbox: Mailbox, addedBefore date: Date) throws -> [UInt32] {
        try database.read { db in
            try Int64.fetchAll(db.cachedStatement(sql: "SELECT uid FROM mail_messages WHERE mailbox_id = ? AND added_at < ? ORDER BY uid"),
                               arguments: [mailbox.id, Int64(date.timeIntervalSince1970)]).map { UInt32(truncatingIfNeeded: $0) }
        }
    }
}
