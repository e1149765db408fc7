import Durability
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The durable spool: message files plus the queue rows about them.
///
/// Layout under `spool/`:
/// - `incoming/QID` — a message being received; never counts as accepted.
/// - `active/QID.msg` — an accepted message (the `Received:` header included).
///
/// The envelope lives in the queue's row (`queue_messages.envelope`), written before the
/// same `FileSystemSyncBarrier` round that makes the message file durable: SQLite in WAL
/// mode appends the commit to its WAL file without syncing, and the round's `syncfs`
/// makes it durable with everything else. `commit` returns only after that round, which
/// is when SMTP may say 250; after a crash, "accepted" means a row with a `.msg` file of
/// exactly the recorded size. One file per message, and no file created and deleted per
/// message besides it, matters: on ext4 every allocation skips the inodes freed in the
/// last minute, so churn makes each new file slower.
public final class Spool: Sendable {
    public let root: URL
    public let queue: QueueStore
    let barrier: FileSystemSyncBarrier
    let incoming: String
    let active: String
    /// Messages up to this size stay in memory until commit (one write then).
    let spillThreshold: Int

    /// The queue rows in `rows` (SQLite: `init(directory:database:…)` in SpoolStore; unit
    /// tests: `InMemoryQueueRows`).
    public init(directory: URL, rows: any QueueRowStore, barrier: FileSystemSyncBarrier, spillThreshold: Int = 1 << 20) throws {
        root = directory
        incoming = directory.appendingPathComponent("incoming").path
        active = directory.appendingPathComponent("active").path
        self.barrier = barrier
        self.spillThreshold = spillThreshold
        try DurableFile.makeDirectories(incoming)
        try DurableFile.makeDirectories(active)
        queue = QueueStore(rows: rows)
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

    /// Makes the draft an accepted message: moves it into `active/`, records the queue rows,
    /// then waits for the sync barrier. Returns the envelope with its final size. On any
    /// error nothing is accepted and the draft is gone. A delivery agent may see the rows
    /// before the barrier round ends; if that round then fails, the client is told to try
    /// again and the message may arrive twice, never not at all.
    @discardableResult
    public func commit(_ draft: SpoolDraft, envelope: SpoolEnvelope) async throws -> SpoolEnvelope {
        var envelope = envelope
        envelope.queueID = draft.queueID
        envelope.size = draft.size
        let accepted = envelope
        do {
            try await BlockingIO.run { [self] in
                try draft.finish()
                try DurableFile.rename(draft.path, messagePath(accepted.queueID))
                try queue.insert(accepted)
            }
            try await barrier.sync()
        } catch {
            discard(draft.queueID)
            throw error
        }
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

    /// Replaces the header block of a draft (the octets up to and including the empty line
    /// that ends it) with `edit`'s result, streaming the body into a new file so a large
    /// message is never held in memory. Nothing is accepted until `commit`. On error the
    /// draft is discarded.
    public func editHeader(_ draft: SpoolDraft, _ edit: @escaping @Sendable ([UInt8]) -> [UInt8]) async throws {
        if draft.editInMemory(headerEnd: { HeaderBlock.end(in: $0) }, edit) { return }
        do {
            try await BlockingIO.run {
                try draft.seal()
                let reader = try FileChunkReader(path: draft.path)
                defer { reader.close() }
                var header: [UInt8] = []
                var rest: [UInt8] = []
                // The header block ends at the first empty line (RFC 5322 §2.1).
                while true {
                    let chunk = try reader.read(upTo: 1 << 16)
                    if chunk.isEmpty { break }
                    header.append(contentsOf: chunk)
                    if let end = HeaderBlock.end(in: header) {
                        rest = Array(header[end...])
                        header.removeSubrange(end...)
                        break
                    }
                }
                let edited = edit(header)
                let temporary = draft.path + ".edit"
                let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
                guard fd >= 0 else { throw FileSystemError("create \(temporary)") }
                defer { Glibc.close(fd) }
                try DurableFile.writeAll(fd, edited, path: temporary)
                try DurableFile.writeAll(fd, rest, path: temporary)
                var size = edited.count + rest.count
                while true {
                    let chunk = try reader.read(upTo: 1 << 16)
                    if chunk.isEmpty { break }
                    try DurableFile.writeAll(fd, chunk, path: temporary)
                    size += chunk.count
                }
                try DurableFile.rename(temporary, draft.path)
                draft.size = size
            }
        } catch {
            draft.discard()
            throw error
        }
    }

    /// Queues a message generated here (bounce, vacation reply, redirect) in one step.
    @discardableResult
    public func enqueue(_ bytes: [UInt8], envelope: SpoolEnvelope) async throws -> SpoolEnvelope {
        let draft = makeDraft()
        draft.append(bytes)
        return try await commit(draft, envelope: envelope)
    }

    // MARK: Reading and removing

    /// Where the end of the header block is in `bytes` (the index after the empty line),
    /// nil when it is not there yet.
    public enum HeaderBlock {
        public static func end(in bytes: [UInt8]) -> Int? {
            var index = 0
            var lineStart = 0
            while index < bytes.count {
                if bytes[index] == 0x0A {
                    let line = index - lineStart
                    if line == 0 || (line == 1 && bytes[lineStart] == 0x0D) { return index + 1 }
                    lineStart = index + 1
                }
                index += 1
            }
            return nil
        }
    }

    public func messagePath(_ id: QueueID) -> String { active + "/" + id.rawValue + ".msg" }

    public func readMessage(_ id: QueueID) throws -> [UInt8] {
        try DurableFile.read(messagePath(id))
    }

    /// Deletes a finished message: the queue rows first (from then on the message no
    /// longer counts as accepted), then the file. A crash in between leaves a file without
    /// rows, which recovery removes, never rows that would be delivered again.
    public func remove(_ id: QueueID) throws {
        try queue.delete(id)
        try removeFile(id)
    }

    public func removeFile(_ id: QueueID) throws {
        try DurableFile.remove(messagePath(id))
    }

    private func discard(_ id: QueueID) {
        try? DurableFile.remove(incoming + "/" + id.rawValue)
        try? queue.delete(id)
        try? DurableFile.remove(messagePath(id))
    }

    // MARK: Recovery

    public struct RecoveryReport: Sendable, Equatable {
        /// Drafts, torn files and files without rows, never acknowledged: removed.
        public var discarded: [String] = []
        /// Rows whose files are gone (finished before a crash), removed.
        public var forgotten: [QueueID] = []

        public init() {}
    }

    /// Run once at start-up before anything is delivered: removes what was never accepted
    /// and forgets rows without files. The caller then delivers every open delivery; local
    /// deliveries are idempotent (see Delivery), so a message is never stored twice.
    public func recover() throws -> RecoveryReport {
        var report = RecoveryReport()
        for name in DurableFile.list(incoming) {
            try? DurableFile.remove(incoming + "/" + name)
            report.discarded.append("incoming/" + name)
        }
        var accepted = Set<QueueID>()
        for name in DurableFile.list(active) {
            let path = active + "/" + name
            let id = name.hasSuffix(".msg") ? QueueID(String(name.dropLast(4))) : nil
            // A row and a file of the recorded size; otherwise the 250 was never sent.
            if let id, let message = try queue.message(id), DurableFile.size(path) == message.envelope.size {
                accepted.insert(id)
                continue
            }
            if let id { try queue.delete(id) }
            try? DurableFile.remove(path)
            report.discarded.append("active/" + name)
        }
        for id in try queue.allQueueIDs() where !accepted.contains(id) {
            try queue.delete(id)
            report.forgotten.append(id)
        }
        return report
    }
}
