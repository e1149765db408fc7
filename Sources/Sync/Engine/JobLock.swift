import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run per job across processes (`serve` and `postino sync run`): an exclusive
/// `flock(2)` on `<directory>/<user>.lock`. The kernel drops it when the process dies, so a
/// SIGKILL never leaves a job locked.
public struct JobLock: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The lock, or nil when another process (or task) runs the job.
    public func tryAcquire(_ localUser: String) -> Held? {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let name = String(localUser.lowercased().map { $0.isLetter || $0.isNumber || "@.-_+".contains($0) ? $0 : "_" })
        let fd = open(directory.appendingPathComponent(name + ".lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        return Held(fd: fd)
    }

    public struct Held: Sendable {
        let fd: Int32
        public func release() {
            flock(fd, LOCK_UN)
            close(fd)
        }
    }
}
