import Durability
import Foundation
import GRDB

/// The durable spool: message files plus envelope files, and the queue rows about them.
///
/// Layout under `spool/`:
/// - `incoming/QID` — a message being received; never counts as accepted.
/// - `active/QID.msg` — an accepted message (the `Received:` header included);
/// - `active/QID.env` — its `SpoolEnvelope` as JSON; written last, so an `.env` file with
///   a `.msg` of exactly `size` octets is what "accepted" means after a crash.
///
/// `commit` returns only after a `FileSystemSyncBarrier` round has made both files
/// durable: that is when SMTP may say 250.
public final class Spool: Sendable {
    public let root: URL
    public let queue: QueueStore
    let barrier: FileSystemSyncBarrier
    let incoming: String
    let active: String
    /// Messages up to this size stay in memory until commit (one write then).
    let spillThreshold: Int

    public init(directory: URL, database: any DatabaseWriter, barrier: FileSystemSyncBarrier,
                spillThreshold: Int = 1 << 20) throws {
        root = directory
        incoming = directory.appendingPathComponent("incoming").path
        active = directory.appendingPathComponent("active").path
        self.barrier = barrier
        self.spillThreshold = spillThreshold
        try DurableFile.makeDirectories(incoming)
        try DurableFile.makeDirectories(active)
        queue = try QueueStore(database: database)
    }

    // MARK: Receiving

    /// Starts a new message with a fresh queue ID.
    public func makeDraft(now: Date = Date()) -> SpoolDraft {
        while true {
            let id = QueueID.generate(now: now)
            let path = incoming + "/" + id.rawValue
            // The ID must be new in both directories; O_EXCL at first write guards races.
            if !DurableFile.exists(path), !DurableFile.exists(messagePath(id)) {
                return SpoolDraft(queueID: id, path: path, spillThreshold: spillThreshold)
            }
        }
    }

    /// Makes the draft an accepted message: writes its envelope, moves both files into
    /// `active/`, waits for the sync barrier, records the queue rows. Returns the envelope
    /// with its final size. On any error nothing is accepted and the draft is gone.
    @discardableResult
    public func commit(_ draft: SpoolDraft, envelope: SpoolEnvelope) async throws -> SpoolEnvelope {
        var envelope = envelope
        envelope.queueID = draft.queueID
        envelope.size = draft.size
        let accepted = envelope
        do {
            try await BlockingIO.run { [self] in
                try draft.finish()
                try DurableFile.create(envelopePath(accepted.queueID) + ".tmp", bytes: try accepted.encoded())
                try DurableFile.rename(draft.path, messagePath(accepted.queueID))
                try DurableFile.rename(envelopePath(accepted.queueID) + ".tmp", envelopePath(accepted.queueID))
            }
            try await barrier.sync()
        } catch {
            discardFiles(draft.queueID)
            throw error
        }
        try await BlockingIO.run { [self] in try queue.insert(accepted) }
        return accepted
    }

    /// Replaces a draft's octets before it is committed (DKIM signing and disclaimers of
    /// submitted mail): reads what was received, hands it to `transform`, and returns a
    /// draft with the same queue ID holding the result (or the original octets when
    /// `transform` returns nil). Nothing is accepted until `commit`, so the 250-means-
    /// durable guarantee is untouched. On error the draft is discarded.
    public func rewrite(_ draft: SpoolDraft, _ transform: @Sendable ([UInt8]) async -> [UInt8]?) async throws -> SpoolDraft {
        let original: [UInt8]
        do {
            original = try await BlockingIO.run {
                try draft.finish()
                let bytes = try DurableFile.read(draft.path)
                try DurableFile.remove(draft.path)
                return bytes
            }
        } catch {
            draft.discard()
            throw error
        }
        let replacement = SpoolDraft(queueID: draft.queueID, path: draft.path, spillThreshold: spillThreshold)
        replacement.append(await transform(original) ?? original)
        return replacement
    }

    /// Queues a message generated here (bounce, vacation reply, redirect) in one step.
    @discardableResult
    public func enqueue(_ bytes: [UInt8], envelope: SpoolEnvelope) async throws -> SpoolEnvelope {
        let draft = makeDraft()
        draft.append(bytes)
        return try await commit(draft, envelope: envelope)
    }

    // MARK: Reading and removing

    public func messagePath(_ id: QueueID) -> String { active + "/" + id.rawValue + ".msg" }
    func envelopePath(_ id: QueueID) -> String { active + "/" + id.rawValue + ".env" }

    public func readMessage(_ id: QueueID) throws -> [UInt8] {
        try DurableFile.read(messagePath(id))
    }

    public func readEnvelope(_ id: QueueID) throws -> SpoolEnvelope {
        try SpoolEnvelope.decode(Data(try DurableFile.read(envelopePath(id))))
    }

    /// Deletes a finished message: the envelope file first (from then on the message
    /// no longer counts as accepted), the message file, then the queue rows. A crash
    /// in between leaves rows without files, which recovery forgets, never files that
    /// would be delivered again.
    public func remove(_ id: QueueID) throws {
        try DurableFile.remove(envelopePath(id))
        try DurableFile.remove(messagePath(id))
        try queue.database.write { db in try queue.delete(id, in: db) }
    }

    private func discardFiles(_ id: QueueID) {
        try? DurableFile.remove(incoming + "/" + id.rawValue)
        try? DurableFile.remove(envelopePath(id) + ".tmp")
        try? DurableFile.remove(envelopePath(id))
        try? DurableFile.remove(messagePath(id))
    }

    // MARK: Recovery

    public struct RecoveryReport: Sendable, Equatable {
        /// Accepted messages whose queue rows were missing and were re-created.
        public var requeued: [QueueID] = []
        /// Drafts and half-written files that were never acknowledged, removed.
        public var discarded: [String] = []
        /// Rows whose files are gone (finished before a crash), removed.
        public var forgotten: [QueueID] = []

        public init() {}
    }

    /// Run once at start-up before anything is delivered: removes what was never accepted,
    /// re-creates queue rows for accepted messages the database lost, forgets rows without
    /// files. The caller then delivers every open delivery; local deliveries are
    /// idempotent (see Delivery), so a message is never stored twice.
    public func recover() throws -> RecoveryReport {
        var report = RecoveryReport()
        for name in DurableFile.list(incoming) {
            try? DurableFile.remove(incoming + "/" + name)
            report.discarded.append("incoming/" + name)
        }
        var accepted = Set<QueueID>()
        for name in DurableFile.list(active) {
            let path = active + "/" + name
            if name.hasSuffix(".tmp") {
                try? DurableFile.remove(path)
                report.discarded.append("active/" + name)
                continue
            }
            guard name.hasSuffix(".msg"), let id = QueueID(String(name.dropLast(4))) else { continue }
            guard let envelope = try? readEnvelope(id), DurableFile.size(path) == envelope.size else {
                // No envelope, or a torn file: the 250 was never sent for it.
                try? DurableFile.remove(path)
                try? DurableFile.remove(envelopePath(id))
                report.discarded.append("active/" + name)
                continue
            }
            accepted.insert(id)
            let known = try queue.database.read { db in try queue.contains(id, in: db) }
            if !known {
                try queue.insert(envelope)
                report.requeued.append(id)
            }
        }
        for name in DurableFile.list(active) where name.hasSuffix(".env") {
            if let id = QueueID(String(name.dropLast(4))), !accepted.contains(id) {
                try? DurableFile.remove(active + "/" + name)
            }
        }
        for id in try queue.allQueueIDs() where !accepted.contains(id) {
            try queue.database.write { db in try queue.delete(id, in: db) }
            report.forgotten.append(id)
        }
        return report
    }
}
