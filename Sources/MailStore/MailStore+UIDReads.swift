import GRDB
import GRDBSQLite

/// Reads of some messages of a mailbox, by UID, so that a command about a few messages of a
/// large mailbox costs what those messages cost — not a read of the whole index (issue 11:
/// a 100,000-message mailbox).
extension MailStore {
    /// Above this many separate UID ranges one scan of the mailbox is cheaper than a lookup
    /// per range.
    static let rangeLookupLimit = 256

    /// The records a statement selects (`columns`), decoded from SQLite's current row as the
    /// cursor steps (no copied `Row` per message: a third of what SELECT of a large
    /// mailbox cost); `including` picks by UID before anything else is decoded.
    static func fetchRecords(_ statement: Statement, arguments: StatementArguments,
                             including: (UInt32) -> Bool = { _ in true }) throws -> [MessageRecord] {
        var records: [MessageRecord] = []
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        let sqlite = statement.sqliteStatement
        while try rows.next() != nil {
            guard including(UInt32(truncatingIfNeeded: sqlite3_column_int64(sqlite, 0))) else { continue }
            records.append(MessageRecord(statement: sqlite))
        }
        return records
    }

    /// The messages among `uids` that exist, in UID order, with the viewer's flags. UIDs may
    /// come in any order and repeat.
    public func messages(in mailboxID: Int64, uids: some Sequence<UInt32>, viewer: FlagViewer = .shared) throws -> [MessageRecord] {
        let ranges = UIDRanges(uids)
        guard !ranges.isEmpty else { return [] }
        return try database.read { db in
            var records: [MessageRecord] = []
            if ranges.count > Self.rangeLookupLimit {
                let wanted = Set(ranges.flatMap { Array($0) })
                records = try Self.fetchRecords(db.cachedStatement(sql: "SELECT \(Self.columns) FROM mail_messages WHERE mailbox_id = ? ORDER BY uid"),
                                                arguments: [mailboxID]) { wanted.contains($0) }
            } else {
                let statement = try db.cachedStatement(sql: """
                    SELECT \(Self.columns) FROM mail_messages WHERE mailbox_id = ? AND uid BETWEEN ? AND ? ORDER BY uid
                    """)
                for range in ranges {
                    records += try Self.fetchRecords(statement, arguments: [mailboxID, Int64(range.lowerBound), Int64(range.upperBound)])
                }
            }
            try Self.applyPrivateSeen(&records, mailboxID: mailboxID, viewer: viewer, db)
            return records
        }
    }

    /// UIDs of the messages carrying every flag of `flags` in the shared flags (\Deleted,
    /// which EXPUNGE looks for, is never private), ascending.
    public func uids(in mailboxID: Int64, flagged flags: MessageFlags) throws -> [UInt32] {
        try database.read { db in
            try Int64.fetchAll(db.cachedStatement(sql: "SELECT uid FROM mail_messages WHERE mailbox_id = ? AND (flags & ?) = ? ORDER BY uid"),
                               arguments: [mailboxID, flags.rawValue, flags.rawValue])
                .map { UInt32(truncatingIfNeeded: $0) }
        }
    }

    /// Every message of a mailbox and its counters, read in one snapshot: what SELECT
    /// needs, with the index read once.
    public func snapshot(_ mailbox: Mailbox, viewer: FlagViewer = .shared) throws -> (records: [MessageRecord], status: MailboxStatus) {
        try database.read { db in
            var records = try Self.fetchRecords(db.cachedStatement(sql: "SELECT \(Self.columns) FROM mail_messages WHERE mailbox_id = ? ORDER BY uid"),
                                                arguments: [mailbox.id])
            try Self.applyPrivateSeen(&records, mailboxID: mailbox.id, viewer: viewer, db)
            guard let current = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM mail_mailboxes WHERE id = ?"),
                                                 arguments: [mailbox.id]).map(Mailbox.init) else {
                throw MailboxError.nonexistent(mailbox.name)
            }
            return (records, MailboxStatus(records: records, mailbox: current))
        }
    }
}

extension MailboxStatus {
    /// The counters of `records`, the whole content of `mailbox`.
    init(records: [MessageRecord], mailbox: Mailbox) {
        var recent = 0, unseen = 0, deleted = 0, size: Int64 = 0
        for record in records {
            if record.uid >= mailbox.firstRecentUID { recent += 1 }
            if !record.flags.contains(.seen) { unseen += 1 }
            if record.flags.contains(.deleted) { deleted += 1 }
            size += Int64(record.size)
        }
        self.init(messages: records.count, recent: recent, unseen: unseen, deleted: deleted, size: size,
                  uidNext: mailbox.uidNext, uidValidity: mailbox.uidValidity, highestModSeq: mailbox.highestModSeq)
    }
}

/// Ascending, disjoint, non-adjacent closed ranges covering a set of UIDs.
struct UIDRanges: RandomAccessCollection {
    private var ranges: [ClosedRange<UInt32>] = []

    init(_ uids: some Sequence<UInt32>) {
        for uid in uids.sorted() {
            if let last = ranges.last, uid <= last.upperBound { continue }
            if let last = ranges.last, uid == last.upperBound + 1 {
                ranges[ranges.count - 1] = last.lowerBound...uid
            } else {
                ranges.append(uid...uid)
            }
        }
    }

    var startIndex: Int { ranges.startIndex }
    var endIndex: Int { ranges.endIndex }
    subscript(position: Int) -> ClosedRange<UInt32> { ranges[position] }
}
