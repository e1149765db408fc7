import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One destination of log lines: an append-only file or stdout. Each line is written with
/// a single `write(2)` on an `O_APPEND` descriptor, so concurrent writers (several
/// sessions, or the CLI beside a running server) never interleave within a line.
/// A file sink can rotate itself (`LogRotation`: by size and daily) and be reopened
/// (SIGHUP, after an external logrotate moved the file away).
public final class LogSink: Sendable {
    private struct State {
        var fd: Int32
        /// Bytes in the file as far as this process knows (other writers add to it too:
        /// checked with fstat before rotating).
        var size: Int64
        /// The local day the file was opened or last written (`LogRotation.day`).
        var day: Int
        /// nil: the file never rotates itself.
        var rotation: LogRotation?
    }

    private let state: Mutex<State>
    private let ownsDescriptor: Bool
    private let url: URL?
    /// The time that decides the day change (a seam: tests move it past midnight).
    private let clock: @Sendable () -> Date

    public static let standardOutput = LogSink(fd: STDOUT_FILENO, ownsDescriptor: false)

    public init(appendingTo url: URL, rotation: LogRotation? = nil, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        let fd = try Self.open(url)
        self.url = url
        self.ownsDescriptor = true
        self.clock = clock
        state = Mutex(State(fd: fd, size: Self.size(of: fd), day: LogRotation.day(clock()), rotation: rotation))
    }

    private init(fd: Int32, ownsDescriptor: Bool) {
        self.ownsDescriptor = ownsDescriptor
        self.url = nil
        self.clock = { Date() }
        state = Mutex(State(fd: fd, size: 0, day: 0, rotation: nil))
    }

    deinit {
        if ownsDescriptor { state.withLock { _ = close($0.fd) } }
    }

    /// A new log is 0640 (the process umask of 077 would leave 0600): an administrator
    /// may let a log reader's group in. An existing log keeps its mode (a wider one is
    /// tightened by `DataDirectory.prepare()`).
    private static func open(_ url: URL) throws -> Int32 {
        var fd = Glibc.open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, DataDirectoryPermissions.logFileMode)
        if fd >= 0 {
            _ = fchmod(fd, DataDirectoryPermissions.logFileMode)
        } else if errno == EEXIST {
            fd = Glibc.open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        }
        guard fd >= 0 else {
            throw DataDirectoryError("cannot open log \(url.path): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    private static func size(of fd: Int32) -> Int64 {
        var info = stat()
        return fstat(fd, &info) == 0 ? Int64(info.st_size) : 0
    }

    public func write(line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        state.withLock { state in
            rotateIfDue(&state, adding: bytes.count)
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc.write(state.fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 { if errno == EINTR { continue }; return }
                    offset += n
                }
            }
            state.size += Int64(bytes.count)
        }
    }

    /// Closes and opens the file again by its name (SIGHUP: an external logrotate renamed
    /// it). A file that cannot be opened leaves the old descriptor in use.
    public func reopen() throws {
        guard let url, ownsDescriptor else { return }
        let fd = try Self.open(url)
        state.withLock { state in
            close(state.fd)
            state.fd = fd
            state.size = Self.size(of: fd)
            state.day = LogRotation.day(clock())
        }
    }

    /// New rotation settings (a file sink only), used from the next line on.
    public func setRotation(_ rotation: LogRotation) {
        guard url != nil else { return }
        state.withLock { $0.rotation = rotation }
    }

    private func rotateIfDue(_ state: inout State, adding count: Int) {
        guard let rotation = state.rotation, let url else { return }
        let now = clock()
        let today = LogRotation.day(now)
        var due = today != state.day
        if !due, state.size + Int64(count) > rotation.maxSize {
            state.size = Self.size(of: state.fd)
            due = state.size + Int64(count) > rotation.maxSize
        }
        state.day = today
        guard due, state.size > 0 else { return }
        var rotated = LogRotation.rotatedURL(url, at: now)
        var step = 0.0
        while FileManager.default.fileExists(atPath: rotated.path) || FileManager.default.fileExists(atPath: rotated.path + ".gz") {
            step += 0.000001  // two rotations in one microsecond: the next free name
            rotated = LogRotation.rotatedURL(url, at: now.addingTimeInterval(step))
        }
        // Renamed, then a new file: a writer in another process (the CLI) keeps its
        // descriptor to the renamed file for the rest of its short run.
        guard rename(url.path, rotated.path) == 0 else {
            FileHandle.standardError.write(Data("postino: cannot rotate \(url.path): \(String(cString: strerror(errno)))\n".utf8))
            return
        }
        do {
            let fd = try Self.open(url)
            close(state.fd)
            state.fd = fd
            state.size = 0
        } catch {
            // Keep writing to the renamed file rather than lose lines.
            FileHandle.standardError.write(Data("postino: \(error)\n".utf8))
        }
        rotation.finish(rotated: rotated, of: url)
    }
}
