import GRDB

extension MailStore {
    /// What an owner stores: the sums the index keeps up to date on every path that adds
    /// or removes mail (delivery, APPEND, COPY, EXPUNGE, POP3 DELE, mailbox deletion).
    public struct StoredUsage: Sendable, Hashable {
        public var bytes: Int64
        public var messages: Int64

        public init(bytes: Int64, messages: Int64) {
            self.bytes = bytes
            self.messages = messages
        }
    }

    /// Every owner's usage, read from the shared database without opening a mail store
    /// (for administration listings). nil when the mail index was never created (no
    /// server has run on this data yet); an owner without a row stores nothing.
    public static func storedUsage(database: any DatabaseReader) throws -> [MailboxOwner: StoredUsage]? {
        try database.read { db in
            guard try db.tableExists("mail_usage") else { return nil }
            var result: [MailboxOwner: StoredUsage] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT owner, bytes, messages FROM mail_usage")) {
                result[MailboxOwner(key: row["owner"])] = StoredUsage(bytes: row["bytes"], messages: row["messages"])
            }
            return result
        }
    }
}
