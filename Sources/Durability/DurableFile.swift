import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Small-file primitives on raw descriptors: whole writes, reads and durable replacement.
public enum DurableFile {
    /// Writes a small file so that it is either absent or complete after a crash:
    /// write to a temporary name, fsync, rename, fsync the directory.
    public static func write(_ data: Data, to url: URL, permissions: mode_t) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw FileSystemError("open \(temporary.path)") }
        defer { close(fd) }
        // Exactly `permissions`: the umask (077 in Postino) must not narrow a certificate's
        // 0644, and a leftover temporary file must not keep a wider mode.
        guard fchmod(fd, permissions) == 0 else { throw FileSystemError("chmod \(temporary.path)") }
        try data.withUnsafeBytes { raw in try writeAll(fd, raw, path: temporary.path) }
        guard fsync(fd) == 0 else { throw FileSystemError("fsync \(temporary.path)") }
        guard Glibc.rename(temporary.path, url.path) == 0 else { throw FileSystemError("rename to \(url.path)") }
        try syncDirectory(url.deletingLastPathComponent())
    }

    /// A rename is durable only once the directory entry itself is on disk.
    public static func syncDirectory(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystemError("open \(url.path)") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw FileSystemError("fsync \(url.path)") }
    }

    /// `write(2)` until every byte is written (retrying short writes and EINTR).
    public static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer, path: String) throws {
        guard let base = raw.baseAddress else { return }
        var offset = 0
        while offset < raw.count {
            let n = Glibc.write(fd, base + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystemError("write \(path)")
            }
            offset += n
        }
    }

    public static func writeAll(_ fd: Int32, _ bytes: some Collection<UInt8>, path: String) throws {
        let written: Bool? = try bytes.withContiguousStorageIfAvailable { buffer in
            try writeAll(fd, UnsafeRawBufferPointer(buffer), path: path)
            return true
        }
        if written == nil {
            try Array(bytes).withUnsafeBytes { raw in try writeAll(fd, raw, path: path) }
        }
    }

    /// Reads a whole file (mail messages are bounded by the size limit).
    public static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystemError("open \(path)") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileSystemError("stat \(path)") }
        var result = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < result.count {
            let n = result.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystemError("read \(path)")
            }
            if n == 0 { break }  // the file shrank meanwhile
            offset += n
        }
        if offset < result.count { result.removeSubrange(offset...) }
        return result
    }

    /// Creates a file exclusively (it must not exist) and writes `bytes` into it, no fsync:
    /// durability comes from the caller's `FileSystemSyncBarrier` round.
    public static func create(_ path: String, bytes: some Collection<UInt8>, permissions: mode_t = 0o600) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw FileSystemError("create \(path)") }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
    }

    /// Size of a file, nil when it does not exist.
    public static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Removes a file; a missing file is not an error.
    public static func remove(_ path: String) throws {
        if unlink(path) != 0, errno != ENOENT { throw FileSystemError("unlink \(path)") }
    }

    public static func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw FileSystemError("rename \(from) to \(to)") }
    }

    /// The names in a directory, without `.` and `..`; empty when it does not exist.
    public static func list(_ directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// `mkdir -p` with 0700 directories.
    public static func makeDirectories(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) != 0, errno != EEXIST {
                throw FileSystemError("mkdir \(current)")
            }
        }
    }
}
