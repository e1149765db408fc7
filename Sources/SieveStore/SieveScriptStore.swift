import Durability
import Foundation
import GRDB

/// Users' Sieve scripts on disk (`sieve/<user>/`) and which one is active, for ManageSieve
/// and delivery. Script names are arbitrary UTF-8 (RFC 5804 §1.6), so files are named by
/// the hex of the name: `<hex>.sieve`; the file `active` holds the active script's name.
/// Writes are durable (temporary file, fsync, rename).
public final class SieveScriptStore: SieveScriptStorage {
    public let root: URL
    public let tracking: SieveTracking
    public var memory: any SieveMemory { tracking }
    public let limits: Limits

    public struct Limits: Sendable {
        public var maxScripts: Int
        public var maxScriptSize: Int
        public var maxTotalSize: Int
        public init(maxScripts: Int = 20, maxScriptSize: Int = 1 << 20, maxTotalSize: Int = 4 << 20) {
            self.maxScripts = maxScripts
            self.maxScriptSize = maxScriptSize
            self.maxTotalSize = maxTotalSize
        }
    }

    public enum StoreError: Error, Equatable, Sendable {
        case nonexistent
        case active
        case alreadyExists
        case tooManyScripts
        case tooLarge
    }

    public init(root: URL, database: any DatabaseWriter, limits: Limits = Limits()) throws {
        self.root = root
        self.limits = limits
        self.tracking = try SieveTracking(database: database)
        try DurableFile.makeDirectories(root.path + "/global")
    }

    // MARK: Paths

    private func directory(_ user: String) -> String { root.path + "/users/" + user }
    private func file(_ user: String, _ name: String) -> String { directory(user) + "/" + Self.hex(name) + ".sieve" }
    private func activeFile(_ user: String) -> String { directory(user) + "/active" }

    static func hex(_ name: String) -> String {
        name.utf8.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    static func unhex(_ text: Substring) -> String? {
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return String(bytes: bytes, encoding: .utf8)
    }

    // MARK: Reading

    /// The user's scripts by name, with the active one flagged.
    public func list(_ user: String) -> [(name: String, active: Bool)] {
        let active = activeName(user)
        return DurableFile.list(directory(user)).compactMap { entry -> String? in
            guard entry.hasSuffix(".sieve") else { return nil }
            return Self.unhex(entry.dropLast(6))
        }.sorted().map { ($0, $0 == active) }
    }

    public func get(_ user: String, _ name: String) -> [UInt8]? {
        try? DurableFile.read(file(user, name))
    }

    public func activeName(_ user: String) -> String? {
        guard let bytes = try? DurableFile.read(activeFile(user)) else { return nil }
        let name = String(decoding: bytes, as: UTF8.self)
        return DurableFile.exists(file(user, name)) ? name : nil
    }

    /// A global script (include :global, RFC 6609), from `sieve/global/NAME.sieve`.
    public func global(_ name: String) -> String? {
        guard !name.contains("/"), !name.hasPrefix(".") else { return nil }
        return (try? DurableFile.read(root.path + "/global/" + name + ".sieve")).map { String(decoding: $0, as: UTF8.self) }
    }

    public func size(_ user: String, _ name: String) -> Int? {
        DurableFile.size(file(user, name))
    }

    // MARK: Writing

    public func put(_ user: String, _ name: String, _ content: [UInt8]) throws {
        try checkSpace(user, name: name, size: content.count)
        try DurableFile.makeDirectories(directory(user))
        try DurableFile.write(Data(content), to: URL(fileURLWithPath: file(user, name)), permissions: 0o600)
    }

    /// Makes a script active; nil deactivates.
    public func setActive(_ user: String, _ name: String?) throws {
        guard let name else {
            try DurableFile.remove(activeFile(user))
            return
        }
        guard DurableFile.exists(file(user, name)) else { throw StoreError.nonexistent }
        try DurableFile.write(Data(name.utf8), to: URL(fileURLWithPath: activeFile(user)), permissions: 0o600)
    }

    public func delete(_ user: String, _ name: String) throws {
        guard DurableFile.exists(file(user, name)) else { throw StoreError.nonexistent }
        guard activeName(user) != name else { throw StoreError.active }
        try DurableFile.remove(file(user, name))
    }

    /// RENAME (RFC 5804 §2.11): an active script stays active under its new name.
    public func rename(_ user: String, from old: String, to new: String) throws {
        guard DurableFile.exists(file(user, old)) else { throw StoreError.nonexistent }
        guard !DurableFile.exists(file(user, new)) else { throw StoreError.alreadyExists }
        let wasActive = activeName(user) == old
        try DurableFile.rename(file(user, old), file(user, new))
        if wasActive { try setActive(user, new) }
        try DurableFile.syncDirectory(URL(fileURLWithPath: directory(user)))
    }
}
