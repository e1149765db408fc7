import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The modification times of a Maildir folder's `new/` and `cur/` (nanoseconds): what
/// `reconcileIfChanged` compares with the mark of its last scan to learn whether another
/// program touched the folder.
struct MaildirTimes: Hashable, Sendable {
    var new: Int64
    var cur: Int64

    /// A folder's times around one of the store's own writes.
    struct Change: Hashable, Sendable {
        var before: MaildirTimes
        var after: MaildirTimes
    }

    init(new: Int64, cur: Int64) {
        self.new = new
        self.cur = cur
    }

    init(folder: String) {
        func mtime(_ sub: String) -> Int64 {
            var info = stat()
            guard stat(folder + "/" + sub, &info) == 0 else { return 0 }
            return Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        }
        self.init(new: mtime("new"), cur: mtime("cur"))
    }

    /// The store's own write changed the folder from `before` to `after`: when the scan
    /// mark was `before` (nothing foreign since the last scan), it moves to `after`, so the
    /// next SELECT does not rescan a large mailbox for the store's own files. Inside the
    /// transaction that indexes the write, so a scan sees either the old mark or the rows.
    /// A file another program drops in while the write runs (between the two stat calls,
    /// microseconds) is picked up at start-up or at its folder's next foreign change.
    static func advanceScanMark(mailboxID: Int64, _ change: Change, _ db: Database) throws {
        guard change.before != change.after else { return }
        try db.cachedStatement(sql: """
            UPDATE mail_mailboxes SET scanned_new_mtime = ?, scanned_cur_mtime = ?
            WHERE id = ? AND scanned_new_mtime = ? AND scanned_cur_mtime = ?
            """).execute(arguments: [change.after.new, change.after.cur, mailboxID, change.before.new, change.before.cur])
    }
}
