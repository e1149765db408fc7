import Foundation
import InMemoryStorage
import Logging
import ManageSieveProtocol
import SieveStore
import Synchronization
import Testing
@testable import ManageSieveServer

/// ManageSieve's script answers (RFC 5804) over `SieveScriptStorage`: the in-memory store
/// for the refusals a client causes, a failing one for storage errors.
@Suite("ManageSieve script operations over the storage interface")
struct ScriptOperationsTests {
    static let quiet = Logger(label: "managesieve-test") { _ in SwiftLogNoOpLogHandler() }
    static let valid = Array("require \"fileinto\";\nfileinto \"Later\";\n".utf8)

    @Test func scriptsAreStoredListedActivatedRenamedAndDeleted() {
        let storage = InMemorySieveStorage(limits: SieveScriptStore.Limits(maxScripts: 2, maxScriptSize: 100, maxTotalSize: 150))
        let ops = ScriptOperations(scripts: storage, logger: Self.quiet)
        // RFC 5804 §2.6: a script that does not compile is not stored.
        let broken = ops.put("alice", "broken", Array("fileinto ;".utf8))
        #expect(broken.status == .no)
        #expect(ops.list("alice") == .scripts([]))

        #expect(ops.put("alice", "main", Self.valid) == .ok())
        #expect(ops.get("alice", "main") == .script(Self.valid))
        #expect(ops.get("alice", "other") == .failed(.nonexistent))
        #expect(ops.haveSpace("alice", "big", 101) == .quotaMaxSize)
        #expect(ops.setActive("alice", "main") == .ok())
        #expect(ops.delete("alice", "main") == .activeScript)
        #expect(ops.put("alice", "second", Self.valid) == .ok())
        #expect(ops.haveSpace("alice", "third", 1) == .quotaMaxScripts)
        #expect(ops.rename("alice", "main", "second") == .alreadyExists)
        #expect(ops.rename("alice", "main", "renamed") == .ok())
        #expect(ops.list("alice") == .scripts([ManageSieveScriptListEntry(name: "renamed", isActive: true),
                                               ManageSieveScriptListEntry(name: "second", isActive: false)]))
        #expect(ops.setActive("alice", "") == .ok())  // RFC 5804 §2.8: the empty name deactivates
        #expect(ops.delete("alice", "renamed") == .ok())
        #expect(storage.activeName("alice") == nil && storage.list("alice").map(\.name) == ["second"])
    }

    @Test func aStorageFailureIsTryLaterAndLogged() {
        let logged = LoggedLines()
        let logger = Logger(label: "managesieve-test") { _ in logged }
        let ops = ScriptOperations(scripts: FailingScripts(), logger: logger)
        #expect(ops.put("alice", "main", Self.valid) == .tryLater)
        #expect(ops.setActive("alice", "main") == .tryLater)
        #expect(logged.lines.withLock { $0.count } == 2)
    }
}

/// Scripts whose writes fail as a full disk would.
struct FailingScripts: SieveScriptStorage {
    struct DiskFull: Error {}

    let limits = SieveScriptStore.Limits()
    var memory: any SieveMemory { InMemorySieveStorage() }
    func list(_ user: String) -> [(name: String, active: Bool)] { [] }
    func get(_ user: String, _ name: String) -> [UInt8]? { nil }
    func size(_ user: String, _ name: String) -> Int? { nil }
    func activeName(_ user: String) -> String? { nil }
    func global(_ name: String) -> String? { nil }
    func put(_ user: String, _ name: String, _ content: [UInt8]) throws { throw DiskFull() }
    func setActive(_ user: String, _ name: String?) throws { throw DiskFull() }
    func delete(_ user: String, _ name: String) throws { throw DiskFull() }
    func rename(_ user: String, from old: String, to new: String) throws { throw DiskFull() }
}

/// A log handler that keeps the messages.
final class LoggedLines: LogHandler, @unchecked Sendable {
    let lines = Mutex<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.withLock { $0.append(event.message.description) }
    }
}
