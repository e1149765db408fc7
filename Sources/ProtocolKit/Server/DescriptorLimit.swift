#if canImport(Glibc)
import Glibc
#endif

/// The process's file descriptor limit (RLIMIT_NOFILE). A mail server holds one
/// descriptor per connection, so `serve` raises the soft limit to the hard one at start
/// (as systemd's default of 1024 soft / 524288 hard expects a server to do) and keeps
/// connections below it with a reserve for files, the database and the spool
/// (issue 23, finding 3).
public enum DescriptorLimit {
    public struct Raise: Sendable, Equatable {
        public var before: Int
        public var after: Int
    }

    /// Raises the soft limit to the hard limit; returns both values (equal when nothing
    /// changed or the raise was refused).
    public static func raiseSoftLimit() -> Raise {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return Raise(before: 1024, after: 1024) }
        let before = Int(clamping: limit.rlim_cur)
        guard limit.rlim_cur < limit.rlim_max else { return Raise(before: before, after: before) }
        var raised = limit
        raised.rlim_cur = limit.rlim_max
        guard setrlimit(resource, &raised) == 0 else { return Raise(before: before, after: before) }
        return Raise(before: before, after: Int(clamping: raised.rlim_cur))
    }

    /// The soft limit now.
    public static var current: Int {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return 1024 }
        return Int(clamping: limit.rlim_cur)
    }

    /// Connections the process may hold with `descriptors` available: a quarter (at most
    /// 1024) is kept for everything else a session opens — message files, SQLite, the
    /// spool, DNS sockets, TLS material.
    public static func connectionCap(descriptors: Int) -> Int {
        let reserve = min(1024, max(32, descriptors / 4))
        return max(16, descriptors - reserve)
    }

    private static var resource: __rlimit_resource_t { __rlimit_resource_t(RLIMIT_NOFILE.rawValue) }
}
