import Foundation

/// Open IMAP connections per (user, client IP), for `imap.max_connections_per_ip`.
public final class IMAPConnectionCounter: @unchecked Sendable {
    // @unchecked: `counts` is only touched under `lock`.
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    public init() {}

    /// Takes a slot unless `limit` are in use.
    func acquire(user: String, ip: String, limit: Int) -> Bool {
        let key = user + "\u{0}" + ip
        lock.lock()
        defer { lock.unlock() }
        guard counts[key, default: 0] < limit else { return false }
        counts[key, default: 0] += 1
        return true
    }

    func release(user: String, ip: String) {
        let key = user + "\u{0}" + ip
        lock.lock()
        if let n = counts[key] { counts[key] = n > 1 ? n - 1 : nil }
        lock.unlock()
    }
}
