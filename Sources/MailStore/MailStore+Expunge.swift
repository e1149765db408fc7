import Durability
import Foundation
import GRDB

extension MailStore {
    /// Removes messages: index rows first (with their UIDs remembered for QRESYNC), then
    /// the files. Returns the UIDs actually expunged, ascending.
    @discardableResult
    public func expunge(_ mailbox: Mailbox, uids: [UInt32]) throws -> [UInt32] {
        guard !uids.isEmpty else { return [] }
        let removed = try database.write { db -> [MessageRecord] in
            var records: [MessageRecord] = []
            for uid in Set(uids).sorted() {
                if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.columns) FROM mail_messages WHERE mailbox_id = ? AND uid = ?"),
                                              arguments: [mailbox.id, Int64(uid)]) {
                    records.append(MessageRecord(row: row))
                }
            }
            try expunge(uids: records.map { Int64($0.uid) }, in: mailbox.id, owner: mailbox.owner, db)
            return records
        }
        for record in removed { retire(record, of: mailbox) }
        if !removed.isEmpty { changes.changed([mailbox.id]) }
        return removed.map(\.uid)
    }

    /// COPY/MOVE: hard-links each message into the target mailbox under a new name (no
    /// data is copied), syncs, then indexes the copies with new UIDs in one transaction,
    /// keeping flags, keywords and internal dates. With `move`, the sources are expunged
    /// in the same transaction. Returns (source UID, new UID) pairs in source order.
    public func copy(_ uids: [UInt32], from source: Mailbox, to target: Mailbox, move: Bool = false,
                     viewer: FlagViewer = .shared) async throws -> [(UInt32, UInt32)] {
        let records = try messages(in: source.id, viewer: viewer).filter { Set(uids).contains($0.uid) }
        guard !records.isEmpty else { return [] }
        let staged = try await BlockingIO.run { [self] in try link(records, from: source, to: target) }
        do {
            try await barrier.sync()
            let stored = try await BlockingIO.run { [self] in
                try database.write { db -> [StoredMessage] in
                    let stored = try commit(staged, in: db)
                    if move {
                        try expunge(uids: records.map { Int64($0.uid) }, in: source.id, owner: source.owner, db)
                    }
                    return stored
                }
            }
            if move {
                for record in records { retire(record, of: source) }
            }
            changes.changed(move ? [source.id, target.id] : [target.id])
            return zip(records, stored).map { ($0.uid, $1.uid) }
        } catch {
            for file in staged { try? DurableFile.remove(file.path) }
            throw error
        }
    }

    private func link(_ records: [MessageRecord], from source: Mailbox, to target: Mailbox) throws -> [StagedMessage] {
        var staged: [StagedMessage] = []
        let targetFolder = path(target)
        do {
            for record in records {
                let date = Date(timeIntervalSince1970: TimeInterval(record.internalDate))
                let base = MaildirFileName.base(time: date, tag: MaildirFileName.uniqueTag(), host: hostName, size: record.size,
                                                crlfSize: MaildirFileName.crlfSize(record.base))
                let inNew = record.flags.isEmpty && record.keywords.isEmpty
                let name = inNew ? "new/" + base : "cur/" + MaildirFileName.curName(base: base, flags: record.flags)
                let sourcePath = path(source) + "/" + record.relativePath
                if Glibc.link(sourcePath, targetFolder + "/" + name) != 0 {
                    // Across file systems (or a vanished source): copy the bytes.
                    let bytes = try DurableFile.read(sourcePath)
                    try DurableFile.create(targetFolder + "/tmp/" + base, bytes: bytes)
                    try DurableFile.rename(targetFolder + "/tmp/" + base, targetFolder + "/" + name)
                }
                staged.append(StagedMessage(mailboxID: target.id, owner: target.owner, base: base, inNew: inNew,
                                            flags: record.flags, keywords: record.keywords,
                                            internalDate: record.internalDate, size: record.size,
                                            path: targetFolder + "/" + name))
            }
        } catch {
            for file in staged { try? DurableFile.remove(file.path) }
            throw error
        }
        return staged
    }
}

#if canImport(Glibc)
import Glibc
#endif
