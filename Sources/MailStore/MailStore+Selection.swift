import GRDB
import GRDBSQLite

extension MailStore {
    /// SELECT's read of a mailbox (`MailboxSelection`) in one snapshot: four integer
    /// columns per message, decoded from SQLite's accessors as the cursor steps; the
    /// keywords column is decoded only where it is not empty.
    public func selection(_ mailbox: Mailbox, viewer: FlagViewer = .shared) throws -> MailboxSelection {
        try database.read { db in
            let privateSeen: Set<UInt32>? = try viewer.privateSeenUser.map { user in
                Set(try Int64.fetchAll(db.cachedStatement(sql: """
                    SELECT uid FROM mail_private_flags WHERE mailbox_id = ? AND user_name = ? AND (flags & 1) != 0
                    """), arguments: [mailbox.id, user]).map { UInt32(truncatingIfNeeded: $0) })
            }
            guard let current = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM mail_mailboxes WHERE id = ?"),
                                                 arguments: [mailbox.id]).map(Mailbox.init) else {
                throw MailboxError.nonexistent(mailbox.name)
            }
            let statement = try db.cachedStatement(sql: """
                SELECT uid, flags, keywords, size FROM mail_messages WHERE mailbox_id = ? ORDER BY uid
                """)
            let rows = try Row.fetchCursor(statement, arguments: [mailbox.id])
            let sqlite = statement.sqliteStatement
            var uids: [UInt32] = []
            var firstUnseen: Int?
            var keywords = KeywordCollector()
            var recent = 0, unseen = 0, deleted = 0, size: Int64 = 0
            while try rows.next() != nil {
                let uid = UInt32(truncatingIfNeeded: sqlite3_column_int64(sqlite, 0))
                let flags = MessageFlags(rawValue: Int(sqlite3_column_int64(sqlite, 1)))
                uids.append(uid)
                let seen = privateSeen.map { $0.contains(uid) } ?? flags.contains(.seen)
                if !seen {
                    unseen += 1
                    if firstUnseen == nil { firstUnseen = uids.count }
                }
                if flags.contains(.deleted) { deleted += 1 }
                if uid >= current.firstRecentUID { recent += 1 }
                size += sqlite3_column_int64(sqlite, 3)
                if sqlite3_column_bytes(sqlite, 2) > 0, let text = sqlite3_column_text(sqlite, 2) {
                    keywords.add(String(cString: text).split(separator: " ").map(String.init))
                }
            }
            let status = MailboxStatus(messages: uids.count, recent: recent, unseen: unseen, deleted: deleted, size: size,
                                       uidNext: current.uidNext, uidValidity: current.uidValidity,
                                       highestModSeq: current.highestModSeq)
            return MailboxSelection(uids: uids, firstUnseen: firstUnseen, keywords: keywords.names, status: status)
        }
    }
}
