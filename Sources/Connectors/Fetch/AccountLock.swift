import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One fetcher per account across processes (`serve` and `postino connector run`): an
/// exclusive `flock(2)` on a file per account under the data directory. The kernel drops
/// it when the process dies, so a SIGKILL never leaves an account locked.
public struct AccountLock: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Takes the account's lock, waiting up to `wait`; nil when another holder keeps it.
    public func acquire(_ email: String, wait: Duration = .zero) async -> Held? {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        // The address is the file name, minus anything a path could misread.
        let name = String(email.lowercased().map { $0.isLetter || $0.isNumber || "@.-_+".contains($0) ? $0 : "_" })
        let path = directory.appendingPathComponent(name + ".lock").path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        let deadline = ContinuousClock.now + wait
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return Held(fd: fd) }
            if ContinuousClock.now >= deadline {
                close(fd)
                return nil
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
    }

    /// A held lock; `release` (or the process's end) frees it.
    public struct Held: Sendable {
        let fd: Int32

        public func release() {
            flock(fd, LOCK_UN)
            close(fd)
        }
    }
}
