/// Users' Sieve scripts as ManageSieve and delivery use them, and what delivery remembers
/// across messages (`memory`). `SieveScriptStore` (files under `sieve/`, memory in SQLite)
/// is the server's; `InMemorySieveStorage` (InMemoryStorage) serves unit tests.
///
/// Synchronous: ManageSieve answers inside one `BlockingIO` closure per command, and
/// delivery reads scripts and memory from the Sieve interpreter's synchronous callbacks
/// (`include`, `duplicate`, vacation). Writes throw `SieveScriptStore.StoreError` for a
/// refusal the client caused (answered with its response code) and any other error for a
/// storage failure (answered TRYLATER and logged), which is why they are not typed.
public protocol SieveScriptStorage: Sendable {
    var limits: SieveScriptStore.Limits { get }
    /// Vacation replies sent, `duplicate` ids seen, script errors already reported.
    var memory: any SieveMemory { get }

    /// The user's scripts by name, with the active one flagged.
    func list(_ user: String) -> [(name: String, active: Bool)]
    func get(_ user: String, _ name: String) -> [UInt8]?
    /// The script's size in octets, nil when there is no such script.
    func size(_ user: String, _ name: String) -> Int?
    func activeName(_ user: String) -> String?
    /// A global script (include :global, RFC 6609).
    func global(_ name: String) -> String?

    /// Stores the script after `checkSpace`.
    func put(_ user: String, _ name: String, _ content: [UInt8]) throws
    /// Makes a script active; nil deactivates.
    func setActive(_ user: String, _ name: String?) throws
    /// Refused for the active script.
    func delete(_ user: String, _ name: String) throws
    /// RENAME (RFC 5804 §2.11): an active script stays active under its new name.
    func rename(_ user: String, from old: String, to new: String) throws
}

extension SieveScriptStorage {
    /// The active script's name and source, nil when none is active.
    public func activeScript(_ user: String) -> (name: String, source: String)? {
        guard let name = activeName(user), let bytes = get(user, name) else { return nil }
        return (name, String(decoding: bytes, as: UTF8.self))
    }

    public func usage(_ user: String) -> (scripts: Int, bytes: Int) {
        let sizes = list(user).map { size(user, $0.name) ?? 0 }
        return (sizes.count, sizes.reduce(0, +))
    }

    /// HAVESPACE (RFC 5804 §2.5): would a script of this name and size fit?
    public func checkSpace(_ user: String, name: String, size: Int) throws(SieveScriptStore.StoreError) {
        guard size <= limits.maxScriptSize else { throw .tooLarge }
        let existing = list(user)
        let replacing = existing.contains { $0.name == name }
        guard replacing || existing.count < limits.maxScripts else { throw .tooManyScripts }
        let current = usage(user).bytes - (replacing ? (self.size(user, name) ?? 0) : 0)
        guard current + size <= limits.maxTotalSize else { throw .tooLarge }
    }
}
