import Foundation
import SieveStore
import Synchronization

/// `SieveScriptStorage` and `SieveMemory` kept in memory, for unit tests of delivery and
/// ManageSieve: the same refusals as `SieveScriptStore` (limits, active script, names),
/// no files, no database.
public final class InMemorySieveStorage: SieveScriptStorage, SieveMemory {
    public let limits: SieveScriptStore.Limits
    public var memory: any SieveMemory { self }

    struct State {
        var scripts: [String: [String: [UInt8]]] = [:]
        var active: [String: String] = [:]
        var globals: [String: String] = [:]
        /// Vacation replies sent, by user, handle and lowercased sender.
        var vacations: [String: Date] = [:]
        /// `duplicate` ids by user and id, with their expiry.
        var duplicates: [String: Date] = [:]
        var errorNotices: Set<String> = []
    }

    let state = Mutex(State())

    public init(limits: SieveScriptStore.Limits = SieveScriptStore.Limits()) {
        self.limits = limits
    }

    /// A global script for `include :global`.
    public func setGlobal(_ name: String, _ source: String) {
        state.withLock { $0.globals[name] = source }
    }

    // MARK: Scripts

    public func list(_ user: String) -> [(name: String, active: Bool)] {
        state.withLock { state in
            (state.scripts[user] ?? [:]).keys.sorted().map { ($0, $0 == state.active[user]) }
        }
    }

    public func get(_ user: String, _ name: String) -> [UInt8]? {
        state.withLock { $0.scripts[user]?[name] }
    }

    public func size(_ user: String, _ name: String) -> Int? {
        get(user, name)?.count
    }

    public func activeName(_ user: String) -> String? {
        state.withLock { $0.active[user] }
    }

    public func global(_ name: String) -> String? {
        state.withLock { $0.globals[name] }
    }

    public func put(_ user: String, _ name: String, _ content: [UInt8]) throws {
        try checkSpace(user, name: name, size: content.count)
        state.withLock { $0.scripts[user, default: [:]][name] = content }
    }

    public func setActive(_ user: String, _ name: String?) throws {
        try state.withLock { state in
            guard let name else {
                state.active[user] = nil
                return
            }
            guard state.scripts[user]?[name] != nil else { throw SieveScriptStore.StoreError.nonexistent }
            state.active[user] = name
        }
    }

    public func delete(_ user: String, _ name: String) throws {
        try state.withLock { state in
            guard state.scripts[user]?[name] != nil else { throw SieveScriptStore.StoreError.nonexistent }
            guard state.active[user] != name else { throw SieveScriptStore.StoreError.active }
            state.scripts[user]?[name] = nil
        }
    }

    public func rename(_ user: String, from old: String, to new: String) throws {
        try state.withLock { state in
            guard let content = state.scripts[user]?[old] else { throw SieveScriptStore.StoreError.nonexistent }
            guard state.scripts[user]?[new] == nil else { throw SieveScriptStore.StoreError.alreadyExists }
            state.scripts[user]?[old] = nil
            state.scripts[user]?[new] = content
            if state.active[user] == old { state.active[user] = new }
        }
    }

    // MARK: Memory

    public func claimVacation(user: String, handle: String, sender: String, period: TimeInterval,
                              now: Date) throws(SieveMemoryError) -> Bool {
        let key = [user, handle, sender.lowercased()].joined(separator: "\u{0}")
        return state.withLock { state in
            if let sent = state.vacations[key], now.timeIntervalSince(sent) < period { return false }
            state.vacations[key] = now
            return true
        }
    }

    public func isDuplicate(user: String, id: String, now: Date) -> Bool {
        state.withLock { state in state.duplicates[user + "\u{0}" + id].map { $0 > now } ?? false }
    }

    public func recordDuplicate(user: String, id: String, period: TimeInterval, now: Date) throws(SieveMemoryError) {
        state.withLock { $0.duplicates[user + "\u{0}" + id] = now.addingTimeInterval(period) }
    }

    public func markErrorNotified(user: String, scriptHash: String) throws(SieveMemoryError) -> Bool {
        state.withLock { $0.errorNotices.insert(user + "\u{0}" + scriptHash).inserted }
    }
}
