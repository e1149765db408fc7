import CSystemShims
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Group commit for everything Postino writes: callers write their files without fsync,
/// then `await sync()`; one `syncfs(2)` per round makes every caller's data and directory
/// entries durable together. A caller is released only by a round that *started* after it
/// asked, so its writes are always covered.
///
/// Why syncfs rather than fsync per file: on this kind of disk one fsync costs 6–9 ms and
/// each accepted message needs the file and its directory; twenty sessions accepting at
/// once share a single syncfs instead (measured: ~3 ms per message in rounds of ten, less
/// in bigger rounds). The data directory normally lives on one file system; when spool and
/// mail are on different ones, each gets its own syncfs per round.
public final class FileSystemSyncBarrier: @unchecked Sendable {
    // @unchecked: `waiting`, `running` and `stopped` are only touched under `condition`.
    private let descriptors: [Int32]
    private let condition = NSCondition()
    private var waiting: [CheckedContinuation<Void, any Error>] = []
    private var stopped = false
    private var roundsCompleted = 0

    /// Opens one descriptor per distinct file system among `directories`.
    public init(directories: [URL]) throws {
        var seenDevices = Set<UInt64>()
        var fds: [Int32] = []
        for url in directories {
            let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { throw FileSystemError("open \(url.path)") }
            var info = stat()
            fstat(fd, &info)
            if seenDevices.insert(UInt64(info.st_dev)).inserted { fds.append(fd) } else { close(fd) }
        }
        descriptors = fds
        let thread = Thread { [self] in self.run() }
        thread.name = "postino-syncfs"
        thread.start()
    }

    deinit {
        for fd in descriptors { close(fd) }
    }

    /// Number of syncfs rounds so far (for benchmarks and tests).
    public var rounds: Int {
        condition.lock()
        defer { condition.unlock() }
        return roundsCompleted
    }

    /// Returns once everything this process wrote before the call is on stable storage.
    public func sync() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            condition.lock()
            if stopped {
                condition.unlock()
                continuation.resume(throwing: FileSystemError("sync barrier stopped", errno: ESHUTDOWN))
                return
            }
            waiting.append(continuation)
            condition.signal()
            condition.unlock()
        }
    }

    /// Blocking variant for threads that are not in an async context (CLI tools).
    public func syncNow() throws {
        for fd in descriptors where postino_syncfs(fd) != 0 {
            throw FileSystemError("syncfs")
        }
    }

    /// Ends the thread after the current round; later `sync()` calls fail.
    public func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while waiting.isEmpty && !stopped { condition.wait() }
            let round = waiting
            waiting = []
            let exiting = stopped && round.isEmpty
            condition.unlock()
            if exiting { return }
            var failure: FileSystemError?
            for fd in descriptors where postino_syncfs(fd) != 0 {
                failure = FileSystemError("syncfs")
            }
            condition.lock()
            roundsCompleted += 1
            condition.unlock()
            for continuation in round {
                if let failure { continuation.resume(throwing: failure) } else { continuation.resume() }
            }
        }
    }
}
