import Durability
import Foundation
import GRDB

extension MailStore {
    /// Removes messages: index rows first (with their UIDs remembered for QRESYNC), then
    /// the files. Returns the UIDs actually expunged, ascending.
    @discardableResult
    public func expunge(_ mailbox: Mailbox, uids: [UInt32]) throws -> [UInt32] {
        guard !uids.isEmpty else { return [] }
        writesInFlight.begin(mailbox.id)
        defer { writesInFlight.end(mailbox.id) }
        var held: [UInt32] = []
        let removed: [MessageRecord]
        do {
            removed = try database.write { db -> [MessageRecord] in
                var records: [MessageRecord] = []
                for uid in Set(uids).sorted() {
                    if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.columns) FROM mail_messages WHERE mailbox_id = ? AND uid = ?"),
                                                  arguments: [mailbox.id, Int64(uid)]) {
                        records.append(MessageRecord(row: row))
                    }
                }
                try expunge(uids: records.map { Int64($0.uid) }, in: mailbox.id, owner: mailbox.owner, db)
                // RFC 2180 §4.1.1: held for the other sessions before the rows go.
                held = holdForObservers(records, of: mailbox)
                return records
            }
        } catch {
            dropHeld(held, of: mailbox)
            throw error
        }
        removeFiles(of: removed, in: mailbox)
        if !removed.isEmpty { changes.changed([mailbox.id]) }
        return removed.map(\.uid)
    }

    /// COPY/MOVE: hard-links each message into the target mailbox under a new name (no
    /// data is copied), syncs, then indexes the copies with new UIDs in one transaction,
    /// keeping flags, keywords and internal dates. With `move`, the sources are expunged
    /// in the same transaction. Returns (source UID, new UID) pairs in source order.
    public func copy(_ uids: [UInt32], from source: Mailbox, to target: Mailbox, move: Bool = false,
                     viewer: FlagViewer = .shared) async throws -> [(UInt32, UInt32)] {
        writesInFlight.begin(source.id, target.id)
        defer { writesInFlight.end(source.id, target.id) }
        let wanted = Set(uids)
        var present = try messages(in: source.id, uids: wanted, viewer: viewer)
        if present.count < wanted.count {
            // RFC 2180 §4.4.2: messages another session expunged meanwhile are copied from
            // what the store still holds for the sessions not told yet.
            let found = Set(present.map(\.uid))
            present += wanted.subtracting(found).compactMap { expungedHold.anyRecord(mailboxID: source.id, uid: $0) }
            present.sort { $0.uid < $1.uid }
        }
        let records = present
        guard !records.isEmpty else { return [] }
        let linked = try await BlockingIO.run { [self] in try link(records, from: source, to: target) }
        let staged = linked.map(\.1)
        guard !staged.isEmpty else { return [] }
        do {
            try await barrier.sync()
            let stored = try await BlockingIO.run { [self] in
                var held: [UInt32] = []
                do {
                    return try database.write { db -> [StoredMessage] in
                        let stored = try commit(staged, in: db)
                        if move {
                            try expunge(uids: records.map { Int64($0.uid) }, in: source.id, owner: source.owner, db)
                            held = holdForObservers(records, of: source)
                        }
                        return stored
                    }
                } catch {
                    dropHeld(held, of: source)
                    throw error
                }
            }
            if move { removeFiles(of: records, in: source) }
            changes.changed(move ? [source.id, target.id] : [target.id])
            return zip(linked, stored).map { ($0.0.uid, $1.uid) }
        } catch {
            for file in staged { try? DurableFile.remove(file.path) }
            throw error
        }
    }

    /// Links (or copies) each message's file into the target. A message whose file is
    /// gone — expunged by another session meanwhile — is copied from the ghost the store
    /// keeps for sessions not told yet (RFC 2180 §4.4.2), else left out.
    private func link(_ records: [MessageRecord], from source: Mailbox, to target: Mailbox) throws -> [(MessageRecord, StagedMessage)] {
        var staged: [(MessageRecord, StagedMessage)] = []
        let targetFolder = path(target)
        let before = MaildirTimes(folder: targetFolder)
        do {
            for record in records {
                let date = Date(timeIntervalSince1970: TimeInterval(record.internalDate))
                let base = MaildirFileName.base(time: date, tag: MaildirFileName.uniqueTag(), host: hostName, size: record.size,
                                                crlfSize: MaildirFileName.crlfSize(record.base))
                let inNew = record.flags.isEmpty && record.keywords.isEmpty
                let name = inNew ? "new/" + base : "cur/" + MaildirFileName.curName(base: base, flags: record.flags)
                var sourcePath = path(source) + "/" + record.relativePath
                if !DurableFile.exists(sourcePath) {
                    // Renamed by a flag change, or expunged meanwhile.
                    guard let now = (try? locateMessage(source, uid: record.uid))
                            ?? expungedHold.anyPath(mailboxID: source.id, uid: record.uid) else { continue }
                    sourcePath = now
                }
                if Glibc.link(sourcePath, targetFolder + "/" + name) != 0 {
                    // Across file systems (or a vanished source): copy the bytes.
                    guard let bytes = try? DurableFile.read(sourcePath) else { continue }
                    try DurableFile.create(targetFolder + "/tmp/" + base, bytes: bytes)
                    try DurableFile.rename(targetFolder + "/tmp/" + base, targetFolder + "/" + name)
                }
                // The copy is the same message: its cached structure goes with it.
                let structure = try? cachedFacts(source.id, uid: record.uid)
                staged.append((record, StagedMessage(mailboxID: target.id, owner: target.owner, base: base, inNew: inNew,
                                                     flags: record.flags, keywords: record.keywords,
                                                     internalDate: record.internalDate, size: record.size,
                                                     path: targetFolder + "/" + name, structure: structure)))
            }
        } catch {
            for file in staged { try? DurableFile.remove(file.1.path) }
            throw error
        }
        // The whole batch is one change of the folder, indexed with the first copy.
        if !staged.isEmpty {
            staged[0].1.folderChange = MaildirTimes.Change(before: before, after: MaildirTimes(folder: targetFolder))
        }
        return staged
    }
}

#if canImport(Glibc)
import Glibc
#endif
