import Durability
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

extension MailStore {
    public struct ReconcileReport: Sendable, Equatable {
        /// Files found on disk without an index row, now indexed with new UIDs.
        public var indexed = 0
        /// Index rows whose file is gone, now expunged.
        public var expunged = 0
        /// Rows whose file another program moved or re-flagged.
        public var updated = 0
        /// Files whose name declared a size (`S=`/`W=`) other than their real one, indexed
        /// with their real size and renamed to a correct name. A mail server never deletes
        /// mail it does not understand: Postino's own files go through `tmp/` and are never
        /// torn in `new/` or `cur/`, so such a file comes from another program (a migration
        /// that changed line ends, a restore) and is a real message.
        public var renamed: [RenamedFile] = []

        public init() {}
    }

    /// Brings the index in line with the Maildirs of every owner found under `mail/`
    /// (start-up): messages dropped in by other programs get UIDs after the existing ones;
    /// nothing that already has a UID is renumbered. With `onlyChanged`, a folder whose
    /// times are those of its last scan is skipped (`reconcileIfChanged`): the store's
    /// own writes move that mark in the transaction that indexes them, so a write a crash
    /// interrupted, or a file another program dropped in, leaves the folder changed and
    /// scanned, and a large mailbox is not read whole at every start.
    public func reconcileAll(onlyChanged: Bool = false) throws -> ReconcileReport {
        var total = ReconcileReport()
        for entry in DurableFile.list(mailRoot.path) where entry != "public" && !entry.hasPrefix(".") {
            guard DurableFile.exists(mailRoot.path + "/" + entry + "/Maildir") else { continue }
            total.add(try reconcile(owner: .user(entry), onlyChanged: onlyChanged))
        }
        total.add(try reconcile(owner: .publicNamespace, onlyChanged: onlyChanged))
        return total
    }

    /// Discovers the owner's folders on disk, then reconciles each mailbox.
    public func reconcile(owner: MailboxOwner, onlyChanged: Bool = false) throws -> ReconcileReport {
        var report = ReconcileReport()
        for (name, directory) in discoverFolders(owner) where try mailbox(owner: owner, name: name) == nil {
            try database.write { db in
                try db.cachedStatement(sql: """
                    INSERT OR IGNORE INTO mail_mailboxes (owner, name, directory, uid_validity) VALUES (?, ?, ?, ?)
                    """).execute(arguments: [owner.key, Self.canonicalName(name), directory, try Self.newUIDValidity(db)])
            }
        }
        for mailbox in try mailboxes(owner: owner) {
            report.add(try onlyChanged ? reconcileIfChanged(mailbox) : reconcile(mailbox))
        }
        return report
    }

    /// (IMAP name, directory) of every Maildir folder of an owner on disk.
    func discoverFolders(_ owner: MailboxOwner) -> [(String, String)] {
        var found: [(String, String)] = []
        /// `rootName` is the IMAP name of the Maildir root itself; its `.X.Y` folders are
        /// top-level names for a user, and children of the public mailbox's name.
        func scan(root: String, rootName: String, childPrefix: String?) {
            found.append((rootName, root))
            for entry in DurableFile.list(mailRoot.path + "/" + root) {
                guard let name = MaildirLayout.folderName(fromDirectory: entry),
                      DurableFile.exists(mailRoot.path + "/" + root + "/" + entry + "/cur") else { continue }
                found.append((childPrefix.map { $0 + "/" + name } ?? name, root + "/" + entry))
            }
        }
        switch owner {
        case .user(let user):
            let root = "\(user)/Maildir"
            if DurableFile.exists(mailRoot.path + "/" + root + "/cur") { scan(root: root, rootName: "INBOX", childPrefix: nil) }
        case .publicNamespace:
            for entry in DurableFile.list(mailRoot.path + "/public") {
                let root = "public/\(entry)/Maildir"
                guard DurableFile.exists(mailRoot.path + "/" + root + "/cur") else { continue }
                let name = MaildirLayout.unescape(entry)
                scan(root: root, rootName: name, childPrefix: name)
            }
        }
        return found
    }

    /// Compares one mailbox's `new/` and `cur/` with its index rows.
    public func reconcile(_ mailbox: Mailbox) throws -> ReconcileReport {
        var report = ReconcileReport()
        let folder = path(mailbox)
        struct OnDisk { var inNew: Bool; var flags: MessageFlags; var path: String }
        var disk: [String: OnDisk] = [:]
        for name in DurableFile.list(folder + "/new") where !name.hasPrefix(".") {
            let (base, _) = MaildirFileName.split(name)
            disk[base] = OnDisk(inNew: true, flags: [], path: folder + "/new/" + name)
        }
        for name in DurableFile.list(folder + "/cur") where !name.hasPrefix(".") {
            let (base, flags) = MaildirFileName.split(name)
            disk[base] = OnDisk(inNew: false, flags: flags, path: folder + "/cur/" + name)
        }
        let rows = try database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT uid, file, in_new, flags FROM mail_messages WHERE mailbox_id = ?"),
                             arguments: [mailbox.id])
        }
        var missing: [Int64] = []
        var moved: [(Int64, Bool, MessageFlags)] = []
        var indexedBases = Set<String>()
        for row in rows {
            let base: String = row["file"]
            indexedBases.insert(base)
            guard let file = disk[base] else {
                // A flag change may have renamed the file while the directory was read:
                // look for it under every name it can have before calling it gone.
                if (try? locateMessage(mailbox, uid: UInt32(truncatingIfNeeded: row["uid"] as Int64))) == nil {
                    missing.append(row["uid"])
                }
                continue
            }
            let flags = MessageFlags(rawValue: row["flags"])
            let inNew: Bool = row["in_new"]
            // Keep our flags for files in cur/ unless another program changed the letters.
            if file.inNew != inNew || (!file.inNew && file.flags != flags.intersection(.maildirRepresentable)) {
                moved.append((row["uid"], file.inNew, file.inNew ? flags : file.flags))
            }
        }
        var staged: [StagedMessage] = []
        // Files rewritten or renamed: one syncfs for all of them before the index names
        // them (an fsync per file made indexing 100,000 dropped-in files take many minutes).
        var rewritten = false
        for (base, file) in disk.sorted(by: { $0.key < $1.key }) where !indexedBases.contains(base) {
            guard var size = DurableFile.size(file.path) else { continue }
            var info = stat()
            let mtime = stat(file.path, &info) == 0 ? Int64(info.st_mtim.tv_sec) : Int64(Date().timeIntervalSince1970)
            var base = base, path = file.path
            // A `W=` equal to the file size means CRLF line ends already (Postino's own
            // files); anything else is read once and given CRLF line ends.
            if MaildirFileName.crlfSize(base) != size,
               let normalized = try Self.normalizeLineEnds(file.path, scratch: folder + "/tmp/" + base + ".crlf") {
                size = normalized
                rewritten = true
            }
            if let declared = MaildirFileName.declaredSize(base),
               declared != size || MaildirFileName.crlfSize(base).map({ $0 != size }) == true {
                // The name is wrong, not the mail (Dovecot does the same): index the real
                // size and give the file a name that says it.
                let corrected = MaildirFileName.withSizes(base, size: size, crlfSize: size)
                let directory = (file.path as NSString).deletingLastPathComponent
                let suffix = String((file.path as NSString).lastPathComponent.dropFirst(base.count))
                let newPath = directory + "/" + corrected + suffix
                try DurableFile.rename(file.path, newPath)
                rewritten = true
                report.renamed.append(RenamedFile(mailbox: mailbox.name, from: base, to: corrected, declaredSize: declared, size: size))
                base = corrected
                path = newPath
            }
            staged.append(StagedMessage(mailboxID: mailbox.id, owner: mailbox.owner, base: base, inNew: file.inNew,
                                        flags: file.flags, keywords: [], internalDate: mtime, size: size, path: path))
        }
        for renamed in report.renamed {
            warning("maildir: \(mailbox.owner.key) \(renamed.mailbox): file \(renamed.from) declared S=\(renamed.declaredSize) but has \(renamed.size) octets; indexed with its real size and renamed to \(renamed.to)")
        }
        guard !missing.isEmpty || !moved.isEmpty || !staged.isEmpty else { return report }
        if rewritten { try barrier.syncNow() }
        try database.write { db in
            if !missing.isEmpty { try expunge(uids: missing, in: mailbox.id, owner: mailbox.owner, db) }
            for (uid, inNew, flags) in moved {
                let modseq = try Self.nextModSeq(mailbox.id, db)
                try db.execute(sql: "UPDATE mail_messages SET in_new = ?, flags = ?, modseq = ? WHERE mailbox_id = ? AND uid = ?",
                               arguments: [inNew, flags.rawValue, modseq, mailbox.id, uid])
            }
            _ = try commit(staged, in: db)
        }
        report.expunged = missing.count
        report.updated = moved.count
        report.indexed = staged.count
        changes.changed([mailbox.id])
        return report
    }

    /// Bumps and returns the mailbox's HIGHESTMODSEQ.
    static func nextModSeq(_ mailboxID: Int64, _ db: Database) throws -> Int64 {
        try db.cachedStatement(sql: "UPDATE mail_mailboxes SET highest_modseq = highest_modseq + 1 WHERE id = ?").execute(arguments: [mailboxID])
        return try Int64.fetchOne(db.cachedStatement(sql: "SELECT highest_modseq FROM mail_mailboxes WHERE id = ?"), arguments: [mailboxID]) ?? 1
    }

    /// Removes index rows (the files are already gone or are removed by the caller),
    /// remembering the UIDs for QRESYNC and updating usage.
    func expunge(uids: [Int64], in mailboxID: Int64, owner: MailboxOwner, _ db: Database) throws {
        let modseq = try Self.nextModSeq(mailboxID, db)
        for uid in uids {
            guard let size = try Int64.fetchOne(db.cachedStatement(sql: "SELECT size FROM mail_messages WHERE mailbox_id = ? AND uid = ?"),
                                                arguments: [mailboxID, uid]) else { continue }
            try db.cachedStatement(sql: "DELETE FROM mail_messages WHERE mailbox_id = ? AND uid = ?").execute(arguments: [mailboxID, uid])
            try db.cachedStatement(sql: "DELETE FROM mail_private_flags WHERE mailbox_id = ? AND uid = ?").execute(arguments: [mailboxID, uid])
            try db.execute(sql: "INSERT OR REPLACE INTO mail_expunged (mailbox_id, uid, modseq) VALUES (?, ?, ?)",
                           arguments: [mailboxID, uid, modseq])
            try Self.addUsage(owner: owner, bytes: -size, messages: -1, db)
        }
    }
}

extension MailStore.ReconcileReport {
    mutating func add(_ other: Self) {
        indexed += other.indexed
        expunged += other.expunged
        updated += other.updated
        renamed += other.renamed
    }
}

extension MailStore {
    /// A foreign Maildir file whose name carried a wrong size, and the name it has now.
    public struct RenamedFile: Sendable, Equatable {
        public var mailbox: String
        public var from: String
        public var to: String
        public var declaredSize: Int
        public var size: Int
    }
}

extension MessageFlags {
    /// Every system flag has a Maildir letter.
    static let maildirRepresentable: MessageFlags = [.seen, .answered, .flagged, .deleted, .draft]
}

extension MailStore {
    /// Files from other programs (procmail, a restore) often end lines with a bare LF.
    /// IMAP and POP3 serve CRLF and every size and byte range is counted on the stored
    /// file, so such a file is rewritten once, under the same name, with CRLF line ends
    /// (through `scratch` in the Maildir's `tmp/`, renamed over; the caller syncs before
    /// indexing). Returns the new size, or nil when the file already had CRLF line ends only.
    static func normalizeLineEnds(_ path: String, scratch: String) throws -> Int? {
        let bytes = try DurableFile.read(path)
        let served = MaildirFileName.crlfSize(of: bytes)
        guard served != bytes.count else { return nil }
        var normalized: [UInt8] = []
        normalized.reserveCapacity(served)
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x0A && previous != 0x0D { normalized.append(0x0D) }
            normalized.append(byte)
            previous = byte
        }
        // Written beside, then renamed over the original: a reader sees one or the other,
        // whole. Not synced here: the caller syncs once for every file it rewrote.
        try? DurableFile.remove(scratch)
        try DurableFile.create(scratch, bytes: normalized)
        do {
            try DurableFile.rename(scratch, path)
        } catch {
            try? DurableFile.remove(scratch)
            throw error
        }
        return normalized.count
    }

    /// Reconciles a mailbox when its `new/` or `cur/` directory changed since the last
    /// scan (another program dropped or removed files), before a session selects it.
    /// Postino's own changes also touch the directories, so this costs one directory scan
    /// after them; an unchanged mailbox costs two `stat` calls.
    @discardableResult
    public func reconcileIfChanged(_ mailbox: Mailbox) throws -> ReconcileReport {
        let times = MaildirTimes(folder: path(mailbox))
        let now = (times.new, times.cur)
        let scanned = try database.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT scanned_new_mtime, scanned_cur_mtime FROM mail_mailboxes WHERE id = ?"),
                             arguments: [mailbox.id])
        }
        guard let scanned, (scanned["scanned_new_mtime"] as Int64, scanned["scanned_cur_mtime"] as Int64) != now else {
            return ReconcileReport()
        }
        let report = try reconcile(mailbox)
        try database.write { db in
            try db.execute(sql: "UPDATE mail_mailboxes SET scanned_new_mtime = ?, scanned_cur_mtime = ? WHERE id = ?",
                           arguments: [now.0, now.1, mailbox.id])
        }
        return report
    }
}
