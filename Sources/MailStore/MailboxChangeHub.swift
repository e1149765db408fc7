import Foundation

/// Tells open sessions (IMAP IDLE, other sessions on the same mailbox) that a mailbox
/// changed, after the change is committed. Observers are cheap closures that only poke
/// their session; the session then asks the store what changed.
public final class MailboxChangeHub: @unchecked Sendable {
    // @unchecked: the dictionary is only touched under `lock`.
    private let lock = NSLock()
    private var observers: [Int64: [UUID: @Sendable () -> Void]] = [:]

    public init() {}

    /// Registers `poke` for changes to a mailbox; keep the token to stop observing.
    public func observe(mailboxID: Int64, _ poke: @escaping @Sendable () -> Void) -> UUID {
        let token = UUID()
        lock.lock()
        observers[mailboxID, default: [:]][token] = poke
        lock.unlock()
        return token
    }

    public func stopObserving(mailboxID: Int64, token: UUID) {
        lock.lock()
        observers[mailboxID]?[token] = nil
        if observers[mailboxID]?.isEmpty == true { observers[mailboxID] = nil }
        lock.unlock()
    }

    /// The tokens of the sessions observing a mailbox now.
    public func observers(of mailboxID: Int64) -> Set<UUID> {
        lock.lock()
        defer { lock.unlock() }
        return Set(observers[mailboxID].map { Array($0.keys) } ?? [])
    }

    public func changed(_ mailboxIDs: some Sequence<Int64>) {
        lock.lock()
        let pokes = Set(mailboxIDs).flatMap { observers[$0].map { Array($0.values) } ?? [] }
        lock.unlock()
        for poke in pokes { poke() }
    }
}
