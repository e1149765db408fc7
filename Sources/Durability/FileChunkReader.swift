#if canImport(Glibc)
import Glibc
#endif

/// Reads a file in chunks, for streaming large messages without loading them whole.
/// Used by one task at a time (reads happen one after another).
public final class FileChunkReader: @unchecked Sendable {
    private var fd: Int32
    public let path: String

    public init(path: String) throws {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystemError("open \(path)") }
        self.path = path
    }

    deinit { close() }

    /// Up to `count` octets; empty at the end of the file.
    public func read(upTo count: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystemError("read \(path)")
            }
            buffer.removeSubrange(n...)
            return buffer
        }
    }

    public func close() {
        if fd >= 0 { Glibc.close(fd); fd = -1 }
    }
}
