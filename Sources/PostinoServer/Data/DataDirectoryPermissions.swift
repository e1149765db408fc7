import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The modes of what Postino keeps in its data directory (issue 23, finding 2): the
/// database holds password hashes and relay passwords, so nothing but the certificate
/// and the logs may be readable by anyone but the server's user.
///
/// Files Postino creates get these modes because the process runs with umask 077 (set
/// first thing in `main.swift`, and again by `DataDirectory.prepare()`), and the few
/// wider ones (logs 0640, certificate 0644) are set explicitly. A directory found with a
/// wider mode at start — an administrator's `mkdir`, an old version, a restored backup —
/// is tightened here, and each change is reported so that it can be logged.
public enum DataDirectoryPermissions {
    /// Mode for files and directories Postino creates (`umask(077)`: 0600 / 0700).
    public static let processUmask: mode_t = 0o077
    public static let directoryMode: mode_t = 0o700
    public static let privateFileMode: mode_t = 0o600
    public static let logFileMode: mode_t = 0o640
    public static let certificateMode: mode_t = 0o644

    /// Makes every later `open(2)`/`mkdir(2)` of this process private by default.
    public static func restrictProcessUmask() {
        umask(processUmask)
    }

    /// Tightens the data directory: the root and its layout directories to 0700, the
    /// database and its `-wal`/`-shm` to 0600, keys to 0600, logs to 0640 and the
    /// certificate to 0644 — only where the mode found is wider (a narrower mode an
    /// administrator chose is kept). Returns one line per change.
    ///
    /// Maildirs and the spool are not walked: with the root at 0700 no other user can
    /// reach them, and a walk would cost seconds on a large mail store at every start.
    public static func tighten(_ data: DataDirectory) -> [String] {
        var changes: [String] = []
        func limit(_ url: URL, to allowed: mode_t) {
            var info = stat()
            guard lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) != S_IFLNK else { return }
            let mode = info.st_mode & 0o7777
            guard mode & ~allowed != 0 else { return }
            let tightened = mode & allowed
            if chmod(url.path, tightened) == 0 {
                changes.append("tightened permissions of \(url.path) from \(octal(mode)) to \(octal(tightened))")
            } else {
                changes.append("cannot tighten permissions of \(url.path) (\(octal(mode))): \(String(cString: strerror(errno)))")
            }
        }
        for dir in data.layoutDirectories { limit(dir, to: directoryMode) }
        let database = data.databaseFile.path
        for suffix in ["", "-wal", "-shm", "-journal"] {
            limit(URL(fileURLWithPath: database + suffix), to: privateFileMode)
        }
        limit(data.privateKeyFile, to: privateFileMode)
        limit(data.certificateFile, to: certificateMode)
        for log in [data.mailLog, data.accessLog] { limit(log, to: logFileMode) }
        for url in contents(of: data.dkim) {
            limit(url, to: isDirectory(url) ? directoryMode : privateFileMode)
        }
        return changes
    }

    private static func contents(of dir: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
