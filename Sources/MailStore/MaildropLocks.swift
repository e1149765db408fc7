import Foundation

/// Exclusive POP3 maildrop locks (RFC 1939 §8: one session per maildrop). Servers that
/// share mail storage across nodes supply their own (a lock in the shared database).
public protocol MaildropLocking: Sendable {
    /// A token when the maildrop was free, nil when another session holds it.
    func acquire(_ user: String) -> UUID?
    /// Frees the maildrop if `token` still holds it.
    func release(_ user: String, token: UUID)
}

/// The locks of one process serving POP3: in memory, so they vanish with a crash, as
/// they must.
public final class MaildropLocks: MaildropLocking, @unchecked Sendable {
    // @unchecked: `held` is only touched under `lock`.
    private let lock = NSLock()
    private var held: [String: UUID] = [:]

    public init() {}

    /// A token when the maildrop was free, nil when another session holds it.
    public func acquire(_ user: String) -> UUID? {
        lock.lock()
        defer { lock.unlock() }
        guard held[user] == nil else { return nil }
        let token = UUID()
        held[user] = token
        return token
    }

    public func release(_ user: String, token: UUID) {
        lock.lock()
        if held[user] == token { held[user] = nil }
        lock.unlock()
    }
}
