import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One destination of log lines: an append-only file or stdout. Each line is written with
/// a single `write(2)` on an `O_APPEND` descriptor, so concurrent writers (several
/// sessions, or the CLI beside a running server) never interleave within a line.
public final class LogSink: Sendable {
    private let fd: Int32
    private let ownsDescriptor: Bool

    public static let standardOutput = LogSink(fd: STDOUT_FILENO, ownsDescriptor: false)

    public init(appendingTo url: URL) throws {
        // A new log is 0640 (the process umask of 077 would leave 0600): an administrator
        // may let a log reader's group in. An existing log keeps its mode (a wider one is
        // tightened by `DataDirectory.prepare()`).
        var fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, DataDirectoryPermissions.logFileMode)
        if fd >= 0 {
            _ = fchmod(fd, DataDirectoryPermissions.logFileMode)
        } else if errno == EEXIST {
            fd = open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        }
        guard fd >= 0 else {
            throw DataDirectoryError("cannot open log \(url.path): \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        self.ownsDescriptor = true
    }

    private init(fd: Int32, ownsDescriptor: Bool) {
        self.fd = fd
        self.ownsDescriptor = ownsDescriptor
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    public func write(line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }
}
