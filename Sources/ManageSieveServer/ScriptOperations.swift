import Logging
import ManageSieveProtocol
import Sieve
import SieveStore

/// The answers to ManageSieve's script questions, over the script store and the Sieve
/// compiler (blocking: called off the event loop).
struct ScriptOperations: Sendable {
    let scripts: any SieveScriptStorage
    let logger: Logger

    func haveSpace(_ user: String, _ name: String, _ size: Int) -> ManageSieveResponse {
        do {
            try scripts.checkSpace(user, name: name, size: size)
            return .ok()
        } catch {
            return failure(error, user, "HAVESPACE")
        }
    }

    /// PUTSCRIPT: only a script that compiles is stored (RFC 5804 §2.6).
    func put(_ user: String, _ name: String, _ content: [UInt8]) -> ManageSieveResponse {
        if let refusal = compile(content) { return refusal }
        do {
            try scripts.put(user, name, content)
            return .ok()
        } catch {
            return failure(error, user, "PUTSCRIPT")
        }
    }

    func check(_ content: [UInt8]) -> ManageSieveResponse {
        compile(content) ?? .ok()
    }

    /// NO with the compiler's "line L, column C: message", nil when the script is valid.
    private func compile(_ content: [UInt8]) -> ManageSieveResponse? {
        guard let source = String(bytes: content, encoding: .utf8) else {
            return .no("The script is not valid UTF-8")
        }
        do {
            _ = try SieveCompiler.compile(source, name: "script")
            return nil
        } catch {
            return .no(error.description)
        }
    }

    func list(_ user: String) -> ManageSieveScriptListResult {
        .scripts(scripts.list(user).map { ManageSieveScriptListEntry(name: $0.name, isActive: $0.active) })
    }

    func get(_ user: String, _ name: String) -> ManageSieveScriptFetchResult {
        scripts.get(user, name).map { .script($0) } ?? .failed(.nonexistent)
    }

    func setActive(_ user: String, _ name: String) -> ManageSieveResponse {
        perform(user, "SETACTIVE") { try scripts.setActive(user, name.isEmpty ? nil : name) }
    }

    func delete(_ user: String, _ name: String) -> ManageSieveResponse {
        perform(user, "DELETESCRIPT") { try scripts.delete(user, name) }
    }

    func rename(_ user: String, _ old: String, _ new: String) -> ManageSieveResponse {
        perform(user, "RENAMESCRIPT") { try scripts.rename(user, from: old, to: new) }
    }

    private func perform(_ user: String, _ command: String, _ work: () throws -> Void) -> ManageSieveResponse {
        do {
            try work()
            return .ok()
        } catch {
            return failure(error, user, command)
        }
    }

    /// The reply to a store error; one the client did not cause (I/O, database) is logged.
    private func failure(_ error: any Error, _ user: String, _ command: String) -> ManageSieveResponse {
        if !(error is SieveScriptStore.StoreError) {
            logger.error("managesieve(\(user)): \(command) failed: \(error); answered NO (TRYLATER)")
        }
        return Self.response(error)
    }

    static func response(_ error: any Error) -> ManageSieveResponse {
        switch error as? SieveScriptStore.StoreError {
        case .nonexistent: return .nonexistent
        case .active: return .activeScript
        case .alreadyExists: return .alreadyExists
        case .tooManyScripts: return .quotaMaxScripts
        case .tooLarge: return .quotaMaxSize
        case nil: return .tryLater
        }
    }
}
