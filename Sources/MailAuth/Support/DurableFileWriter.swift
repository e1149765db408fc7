import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a small file so that after a crash it is either absent, the old version, or
/// complete: write a temporary file, fsync it, move it into place, fsync the directory.
enum DurableFileWriter {
    enum Failure: Error {
        case exists
        case system(String)
    }

    /// - Parameter replace: when false, an existing file is left alone and `.exists`
    ///   thrown; the check and the move are one atomic step (link(2) fails on an
    ///   existing name), so two writers cannot both win.
    static func write(_ bytes: [UInt8], to url: URL, permissions: mode_t, replace: Bool) throws(Failure) {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw systemFailure("create \(temporary.path)") }
        var removeTemporary = true
        defer { if removeTemporary { unlink(temporary.path) } }
        do {
            defer { close(fd) }
            // The umask may have narrowed the mode; it must not widen it either.
            guard fchmod(fd, permissions) == 0 else { throw systemFailure("chmod \(temporary.path)") }
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw systemFailure("write \(temporary.path)")
                }
                offset += n
            }
            guard fsync(fd) == 0 else { throw systemFailure("fsync \(temporary.path)") }
        }
        if replace {
            guard rename(temporary.path, url.path) == 0 else { throw systemFailure("rename to \(url.path)") }
            removeTemporary = false
        } else {
            guard link(temporary.path, url.path) == 0 else {
                if errno == EEXIST { throw .exists }
                throw systemFailure("link to \(url.path)")
            }
        }
        try syncDirectory(directory)
    }

    /// A new or renamed entry is durable only once its directory is.
    static func syncDirectory(_ url: URL) throws(Failure) {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw systemFailure("open \(url.path)") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw systemFailure("fsync \(url.path)") }
    }

    private static func systemFailure(_ what: String) -> Failure {
        .system("\(what): \(String(cString: strerror(errno)))")
    }
}
