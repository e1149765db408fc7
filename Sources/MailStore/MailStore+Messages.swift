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
            var records = try Self.fetchRecords(db.cachedStatement(sql: "SELECT \(Self.columns) FROM mail_messages WHERE mailbox_id = ? ORDER BY uid"),
                                                arguments: [mailboxID])
            try Self.applyPrivateSeen(&records, mailboxID: mailboxID, viewer: viewer, db)
            return records
        }
    }

    /// Messages changed after `modSeq` and UIDs expunged after it (RFC 7162), for
    /// updating a session that last looked at `modSeq`.
    public func changes(in mailboxID: Int64, since modSeq: UInt64, viewer: FlagViewer = .shared)
        throws -> (changed: [MessageRecord], expunged: [UInt32], highestModSeq: UInt64) {
        try database.read { db in
            // No ORDER BY in SQL: with it SQLite walks the whole mailbox in UID order instead
            // of the MODSEQ index (a 100,000-message scan after every command); the few
            // rows are sorted here.
            var changed = try Self.fetchRecords(db.cachedStatement(sql: """
                SELECT \(Self.columns) FROM mail_messages WHERE mailbox_id = ? AND modseq > ?
                """), arguments: [mailboxID, Int64(modSeq)])
            changed.sort { $0.uid < $1.uid }
            try Self.applyPrivateSeen(&changed, mailboxID: mailboxID, viewer: viewer, db)
            let expunged = try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT uid FROM mail_expunged WHERE mailbox_id = ? AND modseq > ?
                """), arguments: [mailboxID, Int64(modSeq)]).map { UInt32(truncatingIfNeeded: $0) }.sorted()
            let highest = try Int64.fetchOne(db.cachedStatement(sql: "SELECT highest_modseq FROM mail_mailboxes WHERE id = ?"),
                                             arguments: [mailboxID]) ?? 0
            return (changed, expunged, UInt64(highest))
        }
    }

    static func applyPrivateSeen(_ records: inout [MessageRecord], mailboxID: Int64, viewer: FlagViewer, _ db: Database) throws {
        guard let user = viewer.privateSeenUser, !records.isEmpty else { return }
        let seen = Set(try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT uid FROM mail_private_flags WHERE mailbox_id = ? AND user_name = ? AND (flags & 1) != 0
            """), arguments: [mailboxID, user]).map { UInt32(truncatingIfNeeded: $0) })
        for i in records.indices {
            if seen.contains(records[i].uid) { records[i].flags.insert(.seen) } else { records[i].flags.remove(.seen) }
        }
    }

    /// The bytes of a message.
    public func readMessage(_ mailbox: Mailbox, uid: UInt32) throws -> [UInt8] {
        try DurableFile.read(try locateMessage(mailbox, uid: uid))
    }

    /// Where a message's file is now. A flag change renames the file inside its write
    /// transaction, so a reader holding an older snapshot may know an outdated name: then
    /// the other names the file can have (new/, or cur/ with any flag letters) are tried.
    func locateMessage(_ mailbox: Mailbox, uid: UInt32) throws -> String {
        let folder = path(mailbox)
        // A concurrent flag change can rename the file between two of the checks below
        // (from a name not checked yet to one already checked): look again a few times.
        for _ in 0..<4 {
            guard let record = try record(mailbox.id, uid: uid) else {
                throw FileSystemError("message \(uid) of \(mailbox.owner)/\(mailbox.name) is gone", errno: ENOENT)
            }
            let known = folder + "/" + record.relativePath
            if DurableFile.exists(known) { return known }
            if DurableFile.exists(folder + "/new/" + record.base) { return folder + "/new/" + record.base }
            for bits in 0..<32 {
                let candidate = folder + "/cur/" + MaildirFileName.curName(base: record.base, flags: MessageFlags(rawValue: bits))
                if DurableFile.exists(candidate) { return candidate }
            }
        }
        throw FileSystemError("message \(uid) of \(mailbox.owner)/\(mailbox.name) has no file", errno: ENOENT)
    }

    public func record(_ mailboxID: Int64, uid: UInt32) throws -> MessageRecord? {
        try database.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.columns) FROM mail_messages WHERE mailbox_id = ? AND uid = ?"),
                             arguments: [mailboxID, Int64(uid)]).map(MessageRecord.init)
        }
    }

    /// Path of a message file by the name its record knows.
    func messagePath(_ mailbox: Mailbox, _ record: MessageRecord) -> String {
        path(mailbox) + "/" + record.relativePath
    }

    // MARK: IMAP caches

    /// The encoded ENVELOPE and BODYSTRUCTURE of a message, as IMAP sends them (octets:
    /// 8-bit header text travels in literals), nil until computed once.
    public func cachedStructure(_ mailboxID: Int64, uid: UInt32) throws -> (envelope: [UInt8]?, bodyStructure: [UInt8]?) {
        try database.read { db in
            let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT envelope, bodystructure FROM mail_messages WHERE mailbox_id = ? AND uid = ?"),
                                       arguments: [mailboxID, Int64(uid)])
            let envelope: Data? = row?["envelope"], structure: Data? = row?["bodystructure"]
            return (envelope.map { [UInt8]($0) }, structure.map { [UInt8]($0) })
        }
    }

    public func cacheStructure(_ mailboxID: Int64, uid: UInt32, envelope: [UInt8], bodyStructure: [UInt8]) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE mail_messages SET envelope = ?, bodystructure = ? WHERE mailbox_id = ? AND uid = ?",
                           arguments: [Data(envelope), Data(bodyStructure), mailboxID, Int64(uid)])
        }
    }
}
