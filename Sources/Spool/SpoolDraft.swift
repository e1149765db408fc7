import Dispatch
import Durability
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A message being received: its octets go to memory and, past `spillThreshold`, to a file
/// in `spool/incoming/` written on a private serial queue so the caller (an event loop)
/// never blocks on the disk. Nothing in `incoming/` counts as accepted: only
/// `Spool.commit` moves a draft into the active queue.
///
/// Used by one session at a time: `append`, then `commit` or `discard`, never concurrently.
public final class SpoolDraft: @unchecked Sendable {
    public let queueID: QueueID
    let path: String
    private let spillThreshold: Int
    private let writer = DispatchQueue(label: "postino.spool.draft")
    private var memory: [UInt8] = []
    private var spilled = false
    // Touched only on `writer` once spilled.
    private var fd: Int32 = -1
    private var writeError: FileSystemError?
    /// Everything received is in the file and the file is closed (see `seal`).
    private var finished = false
    public internal(set) var size = 0

    init(queueID: QueueID, path: String, spillThreshold: Int) {
        self.queueID = queueID
        self.path = path
        self.spillThreshold = spillThreshold
    }

    public func append(_ bytes: some Collection<UInt8>) {
        size += bytes.count
        memory.append(contentsOf: bytes)
        guard spilled || memory.count >= spillThreshold else { return }
        let chunk = memory
        memory.removeAll(keepingCapacity: true)
        let first = !spilled
        spilled = true
        writer.async { [self] in
            guard writeError == nil else { return }
            do {
                if first {
                    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
                    if fd < 0 { throw FileSystemError("create \(path)") }
                }
                try DurableFile.writeAll(fd, chunk, path: path)
            } catch let error as FileSystemError {
                writeError = error
            } catch {
                writeError = FileSystemError("write \(path)")
            }
        }
    }

    /// Writes what is still in memory and closes the file (blocking; called by the spool
    /// off the event loop).
    func finish() throws {
        guard !finished else { return }
        finished = true
        let rest = memory
        memory = []
        var failure: FileSystemError?
        writer.sync {
            do {
                if fd < 0 {
                    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
                    if fd < 0 { throw FileSystemError("create \(path)") }
                }
                if let writeError { throw writeError }
                try DurableFile.writeAll(fd, rest, path: path)
            } catch let error as FileSystemError {
                failure = error
            } catch {
                failure = FileSystemError("write \(path)")
            }
            if fd >= 0 { close(fd); fd = -1 }
        }
        if let failure { throw failure }
    }

    /// Writes everything received to the draft's file and closes it, so that the filter
    /// can read the message back in chunks before it is committed (blocking: call off the
    /// event loop). Committing a sealed draft does not write it again.
    public func seal() throws {
        try finish()
    }

    /// Reads a sealed draft from its start in chunks of at most `chunkSize` octets, until
    /// the end or until `body` returns false (blocking).
    public func read(chunkSize: Int = 1 << 16, _ body: ([UInt8]) throws -> Bool) throws {
        if !spilled && !finished {
            // Still in memory (most messages): no file is written for reading.
            var start = 0
            while start < memory.count {
                let end = min(memory.count, start + chunkSize)
                guard try body(Array(memory[start..<end])) else { return }
                start = end
            }
            return
        }
        try seal()
        let reader = try FileChunkReader(path: path)
        defer { reader.close() }
        while true {
            let chunk = try reader.read(upTo: chunkSize)
            guard !chunk.isEmpty, try body(chunk) else { return }
        }
    }

    /// Replaces the header block of a draft still in memory (see `Spool.editHeader`);
    /// returns false when the draft is on disk.
    func editInMemory(headerEnd: (_ bytes: [UInt8]) -> Int?, _ edit: ([UInt8]) -> [UInt8]) -> Bool {
        guard !spilled && !finished else { return false }
        let end = headerEnd(memory) ?? memory.count
        let edited = edit(Array(memory[..<end]))
        memory.replaceSubrange(..<end, with: edited)
        size = memory.count
        return true
    }

    /// Forgets the message: nothing of it stays on disk.
    public func discard() {
        memory = []
        writer.async { [self] in
            if fd >= 0 { close(fd); fd = -1 }
            unlink(path)
        }
    }
}
