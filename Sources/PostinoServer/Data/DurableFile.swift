import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a small file so that it is either absent or complete after a crash:
/// write to a temporary name, fsync, rename, fsync the directory.
public enum DurableFile {
    public static func write(_ data: Data, to url: URL, permissions: mode_t) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw posixError("open \(temporary.path)") }
        defer { close(fd) }
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; throw posixError("write \(temporary.path)") }
                offset += n
            }
        }
        guard fsync(fd) == 0 else { throw posixError("fsync \(temporary.path)") }
        guard rename(temporary.path, url.path) == 0 else { throw posixError("rename to \(url.path)") }
        try syncDirectory(url.deletingLastPathComponent())
    }

    /// A rename is durable only once the directory entry itself is on disk.
    public static func syncDirectory(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw posixError("open \(url.path)") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw posixError("fsync \(url.path)") }
    }

    static func posixError(_ what: String) -> DataDirectoryError {
        DataDirectoryError("\(what): \(String(cString: strerror(errno)))")
    }
}
