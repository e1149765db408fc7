import Durability
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

extension MailStore {
    static let columns = "uid, flags, keywords, modseq, size, internal_date, file, in_new"

    /// Every message of a mailbox in UID order, with the viewer's flags.
    public func messages(in mailboxID: Int64, viewer: FlagViewer = .shared) throws -> [MessageRecord] {
        try database.read { db in
            var records = try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM mail_messages WHERE mailbox_id = ? ORDER BY uid",
                                           arguments: [mailboxID]).map(MessageRecord.init)
            try Self.applyPrivateSeen(&records, mailboxID: mailboxID, viewer: viewer, db)
            return records
        }
    }

    /// Messages changed after `modSeq` and UIDs expunged after it (RFC 7162), for
    /// updating a session that last looked at `modSeq`.
    public func changes(in mailboxID: Int64, since modSeq: UInt64, viewer: FlagViewer = .shared)
        throws -> (changed: [MessageRecord], expunged: [UInt32], highestModSeq: UInt64) {
        try database.read { db in
            var changed = try Row.fetchAll(db, sql: """
                SELECT \(Self.columns) FROM mail_messages WHERE mailbox_id = ? AND modseq > ? ORDER BY uid
                """, arguments: [mailboxID, Int64(modSeq)]).map(MessageRecord.init)
            try Self.applyPrivateSeen(&changed, mailboxID: mailboxID, viewer: viewer, db)
            let expunged = try Int64.fetchAll(db, sql: """
                SELECT uid FROM mail_expunged WHERE mailbox_id = ? AND modseq > ? ORDER BY uid
                """, arguments: [mailboxID, Int64(modSeq)]).map { UInt32(truncatingIfNeeded: $0) }
            let highest = try Int64.fetchOne(db, sql: "SELECT highest_modseq FROM mail_mailboxes WHERE id = ?",
                                             arguments: [mailboxID]) ?? 0
            return (changed, expunged, UInt64(highest))
        }
    }

    static func applyPrivateSeen(_ records: inout [MessageRecord], mailboxID: Int64, viewer: FlagViewer, _ db: Database) throws {
        guard let user = viewer.privateSeenUser, !records.isEmpty else { return }
        let seen = Set(try Int64.fetchAll(db, sql: """
            SELECT uid FROM mail_private_flags WHERE mailbox_id = ? AND user_name = ? AND (flags & 1) != 0
            """, arguments: [mailboxID, user]).map { UInt32(truncatingIfNeeded: $0) })
        for i in records.indices {
            if seen.contains(records[i].uid) { records[i].flags.insert(.seen) } else { records[i].flags.remove(.seen) }
        }
    }

    /// The bytes of a message. A concurrent flag change may rename the file between the
    /// index read and the open: then the record is read again.
    public func readMessage(_ mailbox: Mailbox, uid: UInt32) throws -> [UInt8] {
        for _ in 0..<3 {
            guard let record = try record(mailbox.id, uid: uid) else { break }
            do {
                return try DurableFile.read(path(mailbox) + "/" + record.relativePath)
            } catch let error as FileSystemError where error.errno == ENOENT {
                continue
            }
        }
        throw FileSystemError("message \(uid) of \(mailbox.owner)/\(mailbox.name) is gone", errno: ENOENT)
    }

    public func record(_ mailboxID: Int64, uid: UInt32) throws -> MessageRecord? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM mail_messages WHERE mailbox_id = ? AND uid = ?",
                             arguments: [mailboxID, Int64(uid)]).map(MessageRecord.init)
        }
    }

    /// Path of a message file now (for streaming large messages).
    public func messagePath(_ mailbox: Mailbox, _ record: MessageRecord) -> String {
        path(mailbox) + "/" + record.relativePath
    }

    // MARK: IMAP caches

    public func cachedStructure(_ mailboxID: Int64, uid: UInt32) throws -> (envelope: String?, bodyStructure: String?) {
        try database.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT envelope, bodystructure FROM mail_messages WHERE mailbox_id = ? AND uid = ?",
                                       arguments: [mailboxID, Int64(uid)])
            return (row?["envelope"], row?["bodystructure"])
        }
    }

    public func cacheStructure(_ mailboxID: Int64, uid: UInt32, envelope: String, bodyStructure: String) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE mail_messages SET envelope = ?, bodystructure = ? WHERE mailbox_id = ? AND uid = ?",
                           arguments: [envelope, bodyStructure, mailboxID, Int64(uid)])
        }
    }
}
