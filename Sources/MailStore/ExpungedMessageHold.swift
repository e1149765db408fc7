import Durability
import Foundation

/// Expunged messages kept readable for the sessions that have not been told yet
/// (RFC 2180 §4.1.1: "keep the messages available to satisfy subsequent FETCH commands
/// until it is able to send an EXPUNGE response to each client"), as Dovecot does.
///
/// When a message is expunged while sessions observe its mailbox, its file is hard-linked
/// into `tmp/` (never scanned as mail; Maildir readers clean old `tmp/` files) before the
/// expunge commits, and remembered here with the sessions (observer tokens) that may still
/// address it. Each session releases it once it has sent the EXPUNGE (or deselects); the
/// file is removed `grace` after the last one has (a session that started watching just
/// as the expunge committed may still need it), or after `lifetime` at the latest.
public final class ExpungedMessageHold: @unchecked Sendable {
    // @unchecked: `held` is only touched under `lock`.
    private let lock = NSLock()
    private var held: [Int64: [UInt32: Entry]] = [:]
    /// Longest a ghost is kept (the IMAP autologout timer, RFC 3501 §5.4).
    public let lifetime: TimeInterval = 30 * 60
    /// How long a ghost stays after the last session it was held for released it.
    public let grace: TimeInterval = 60

    struct Entry {
        var record: MessageRecord
        var path: String
        var waiting: Set<UUID>
        var since: Date
        var releasedAt: Date?
    }

    public init() {}

    /// Keeps `record` (whose file is now at `path`) for the sessions in `waiting`.
    func hold(_ record: MessageRecord, at path: String, mailboxID: Int64, waiting: Set<UUID>) {
        let stale = lock.withLock { () -> [String] in
            held[mailboxID, default: [:]][record.uid] = Entry(record: record, path: path, waiting: waiting, since: Date())
            return expireLocked()
        }
        for file in stale { try? DurableFile.remove(file) }
    }

    /// The record and file of an expunged message a session still addresses (it has not
    /// been sent the EXPUNGE: the caller knows).
    public func message(mailboxID: Int64, uid: UInt32, session: UUID) -> (record: MessageRecord, path: String)? {
        lock.withLock {
            guard let entry = held[mailboxID]?[uid] else { return nil }
            return (entry.record, entry.path)
        }
    }

    /// The file of a held message, whichever session it is held for (COPY of a message
    /// expunged while the copy was being made).
    public func anyPath(mailboxID: Int64, uid: UInt32) -> String? {
        lock.withLock { held[mailboxID]?[uid]?.path }
    }

    /// The record of a held message, whichever session it is held for.
    public func anyRecord(mailboxID: Int64, uid: UInt32) -> MessageRecord? {
        lock.withLock { held[mailboxID]?[uid]?.record }
    }

    /// The session has been told that these messages are gone (nil: all of the mailbox's,
    /// when it deselects or logs out).
    public func release(mailboxID: Int64, uids: [UInt32]?, session: UUID) {
        let removed = lock.withLock { () -> [String] in
            guard var entries = held[mailboxID] else { return [] }
            let now = Date()
            for uid in uids ?? Array(entries.keys) {
                guard var entry = entries[uid] else { continue }
                entry.waiting.remove(session)
                if entry.waiting.isEmpty, entry.releasedAt == nil { entry.releasedAt = now }
                entries[uid] = entry
            }
            held[mailboxID] = entries
            return expireLocked(now: now)
        }
        for file in removed { try? DurableFile.remove(file) }
    }

    /// Forgets held messages and removes their ghosts (an expunge that failed).
    func drop(mailboxID: Int64, uids: [UInt32]) {
        let files = lock.withLock { () -> [String] in
            var files: [String] = []
            for uid in uids {
                if let entry = held[mailboxID]?.removeValue(forKey: uid) { files.append(entry.path) }
            }
            if held[mailboxID]?.isEmpty == true { held[mailboxID] = nil }
            return files
        }
        for file in files { try? DurableFile.remove(file) }
    }

    /// Mailboxes whose `tmp/` was cleared of ghosts left by an earlier process.
    private var swept: Set<Int64> = []

    /// The first time this process opens a mailbox: its ghosts from before (a stop or a
    /// crash while they were held) are removed; nobody can address them any more.
    func sweepOnce(_ mailboxID: Int64, folder: String) {
        let first = lock.withLock { () -> Bool in
            guard !swept.contains(mailboxID) else { return false }
            swept.insert(mailboxID)
            return held[mailboxID] == nil
        }
        guard first else { return }
        for name in DurableFile.list(folder + "/tmp") where name.hasPrefix("expunged.") {
            try? DurableFile.remove(folder + "/tmp/" + name)
        }
    }

    /// Number of messages held (for tests).
    public var count: Int { lock.withLock { held.values.reduce(0) { $0 + $1.count } } }

    /// Removes the ghosts past their time (for tests: as of `now`).
    func expire(now: Date) {
        let files = lock.withLock { expireLocked(now: now) }
        for file in files { try? DurableFile.remove(file) }
    }

    private func expireLocked(now: Date = Date()) -> [String] {
        let limit = now.addingTimeInterval(-lifetime), released = now.addingTimeInterval(-grace)
        func expired(_ entry: Entry) -> Bool { entry.since < limit || (entry.releasedAt.map { $0 < released } ?? false) }
        var files: [String] = []
        for (mailboxID, entries) in held {
            let old = entries.filter { expired($0.value) }
            guard !old.isEmpty else { continue }
            files += old.values.map(\.path)
            let kept = entries.filter { !expired($0.value) }
            held[mailboxID] = kept.isEmpty ? nil : kept
        }
        return files
    }
}

extension MailStore {
    /// Inside an expunge's write transaction, before it commits: hard-links each file to
    /// a ghost name in `tmp/` (never scanned as mail) and holds it for the sessions that
    /// observe the mailbox, so that a session which sees the rows gone finds the ghost.
    /// Returns the UIDs held, for `dropHeld` if the transaction fails.
    func holdForObservers(_ records: [MessageRecord], of mailbox: Mailbox) -> [UInt32] {
        let waiting = changes.observers(of: mailbox.id)
        guard !waiting.isEmpty else { return [] }
        let folder = path(mailbox)
        var held: [UInt32] = []
        for record in records {
            let ghost = folder + "/tmp/expunged." + String(record.uid) + "." + record.base
            try? DurableFile.remove(ghost)
            // The file is where the row says, unless a reconciliation changed the row's
            // letters meanwhile: then under another name of the same base.
            guard Self.possibleNames(of: record).contains(where: { Glibc.link(folder + "/" + $0, ghost) == 0 }) else { continue }
            expungedHold.hold(record, at: ghost, mailboxID: mailbox.id, waiting: waiting)
            held.append(record.uid)
        }
        return held
    }

    /// Removes ghosts an earlier process left in the mailbox's `tmp/` (once per process).
    public func removeLeftoverGhosts(_ mailbox: Mailbox) {
        expungedHold.sweepOnce(mailbox.id, folder: path(mailbox))
    }

    /// The names a message's file can have, the row's first: a reconciliation that read
    /// the directory before a flag change may have given the row other letters.
    static func possibleNames(of record: MessageRecord) -> [String] {
        [record.relativePath, "new/" + record.base]
            + (0..<32).map { "cur/" + MaildirFileName.curName(base: record.base, flags: MessageFlags(rawValue: $0)) }
    }

    /// Removes an expunged message's file under whichever name it has.
    func removeFile(of record: MessageRecord, in mailbox: Mailbox) {
        let folder = path(mailbox)
        for name in Self.possibleNames(of: record) where DurableFile.exists(folder + "/" + name) {
            try? DurableFile.remove(folder + "/" + name)
            return
        }
    }

    /// Removes the files of expunged messages (their rows are gone) and moves the scan
    /// mark past the removals when nothing foreign changed the folder (`MaildirTimes`).
    func removeFiles(of records: [MessageRecord], in mailbox: Mailbox) {
        guard !records.isEmpty else { return }
        let folder = path(mailbox)
        let before = MaildirTimes(folder: folder)
        for record in records { removeFile(of: record, in: mailbox) }
        let change = MaildirTimes.Change(before: before, after: MaildirTimes(folder: folder))
        do {
            try database.write { db in try MaildirTimes.advanceScanMark(mailboxID: mailbox.id, change, db) }
        } catch {
            // Decides no reply and loses nothing: the next SELECT rescans the folder.
            warning("cannot move the scan mark of \(mailbox.owner.key)/\(mailbox.name): \(error)")
        }
    }

    /// The expunge did not happen after all: forget the ghosts.
    func dropHeld(_ uids: [UInt32], of mailbox: Mailbox) {
        expungedHold.drop(mailboxID: mailbox.id, uids: uids)
    }
}

#if canImport(Glibc)
import Glibc
#endif
