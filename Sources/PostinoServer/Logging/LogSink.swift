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
        let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
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
