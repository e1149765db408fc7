import Foundation

/// Tells open sessions (IMAP IDLE, other sessions on the same mailbox, NOTIFY) that a
/// mailbox changed, after the change is committed. Observers are cheap closures that only
/// poke their session; the session then asks the store what changed. A store shared by
/// several nodes supplies one that carries the notices between them.
public protocol MailboxChangeNotifying: Sendable {
    /// Registers `poke` for changes to a mailbox; keep the token to stop observing.
    func observe(mailboxID: Int64, _ poke: @escaping @Sendable () -> Void) -> UUID
    func stopObserving(mailboxID: Int64, token: UUID)
    /// The tokens of the sessions observing a mailbox now.
    func observers(of mailboxID: Int64) -> Set<UUID>
    /// After a commit that changed the contents of these mailboxes.
    func changed(_ mailboxIDs: Set<Int64>)
    /// Registers `hear` for every notice about any mailbox; keep the token to stop.
    func observeAll(_ hear: @escaping @Sendable (MailboxNotice) -> Void) -> UUID
    func stopObservingAll(token: UUID)
    /// Tells the watchers of every mailbox about a change of names or subscriptions.
    func announce(_ notice: MailboxNotice)
}

extension MailboxChangeNotifying {
    public func changed(_ mailboxIDs: some Sequence<Int64>) { changed(Set(mailboxIDs)) }
}

/// The notices of one process: closures kept in memory.
public final class MailboxChangeHub: MailboxChangeNotifying, @unchecked Sendable {
    // @unchecked: the dictionary is only touched under `lock`.
    private let lock = NSLock()
    private var observers: [Int64: [UUID: @Sendable () -> Void]] = [:]
    /// Watchers of every mailbox (`observeAll`).
    private var listeners: [UUID: @Sendable (MailboxNotice) -> Void] = [:]

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

    public func changed(_ ids: Set<Int64>) {
        lock.lock()
        let pokes = ids.flatMap { observers[$0].map { Array($0.values) } ?? [] }
        let hear = Array(listeners.values)
        lock.unlock()
        for poke in pokes { poke() }
        if !ids.isEmpty { for listener in hear { listener(.contents(ids)) } }
    }

    /// Registers `hear` for every notice about any mailbox (it filters what it wants);
    /// keep the token to stop.
    public func observeAll(_ hear: @escaping @Sendable (MailboxNotice) -> Void) -> UUID {
        let token = UUID()
        lock.lock()
        listeners[token] = hear
        lock.unlock()
        return token
    }

    public func stopObservingAll(token: UUID) {
        lock.lock()
        listeners[token] = nil
        lock.unlock()
    }

    /// Tells the watchers of every mailbox about a change of names or subscriptions.
    public func announce(_ notice: MailboxNotice) {
        lock.lock()
        let hear = Array(listeners.values)
        lock.unlock()
        for listener in hear { listener(notice) }
    }
}
