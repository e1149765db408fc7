import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A failed system call, with what was being done and `strerror(errno)`.
public struct FileSystemError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public var errno: Int32

    public init(_ what: String, errno code: Int32 = Glibc.errno) {
        self.errno = code
        self.description = "\(what): \(String(cString: strerror(code)))"
    }

    /// ENOSPC/EDQUOT: the disk is full, a temporary condition for mail (452/4.3.1).
    public var isOutOfSpace: Bool { errno == ENOSPC || errno == EDQUOT }
}
