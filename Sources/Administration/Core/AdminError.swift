import Directory
import MailAuth
import Queue

/// The one error every administration operation throws: a kind, which the REST API maps
/// to an HTTP status and a stable code, and one line for a human, which the CLI prints
/// as it is (`postino: <message>`).
public struct AdminError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The thing named does not exist (HTTP 404).
        case notFound = "not_found"
        /// It exists already, or something still uses it (HTTP 409).
        case conflict
        /// The request itself is wrong: syntax, range, a rule of the directory (HTTP 400/422).
        case invalidInput = "invalid_input"
        /// The storage failed; nothing the caller can fix (HTTP 500).
        case `internal`
    }

    public var kind: Kind
    /// One line, meant for a human: names the thing and says what is wrong with it.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public static func notFound(_ message: String) -> AdminError { AdminError(.notFound, message) }
    public static func conflict(_ message: String) -> AdminError { AdminError(.conflict, message) }
    public static func invalidInput(_ message: String) -> AdminError { AdminError(.invalidInput, message) }
    public static func `internal`(_ message: String) -> AdminError { AdminError(.internal, message) }

    public var description: String { message }
}

// MARK: - From the stores' errors (the wording stays theirs)

extension AdminError {
    public init(_ error: DirectoryError) {
        let kind: Kind
        switch error {
        case .notFound, .unknownSetting: kind = .notFound
        case .alreadyExists, .nameTaken, .inUse: kind = .conflict
        case .invalidName, .invalidAddress, .invalidPassword, .invalidPasswordHash, .invalidSetting, .notAllowed:
            kind = .invalidInput
        case .storage: kind = .internal
        }
        self.init(kind, error.description)
    }

    public init(_ error: RelayRuleError) {
        switch error {
        case .invalid: self.init(.invalidInput, error.description)
        case .notFound: self.init(.notFound, error.description)
        case .storage: self.init(.internal, error.description)
        }
    }

    public init(_ error: QueueManagerError) {
        switch error {
        case .invalidID: self.init(.invalidInput, error.description)
        case .notFound: self.init(.notFound, error.description)
        case .storage: self.init(.internal, error.description)
        }
    }

    public init(_ error: DKIMKeyStoreError) {
        switch error {
        case .invalidDomain: self.init(.invalidInput, error.description)
        case .keyExists: self.init(.conflict, error.description)
        case .noKey: self.init(.notFound, error.description)
        case .unreadableKey, .system: self.init(.internal, error.description)
        }
    }

    /// Any other error of a store, worded as the store words it.
    static func wrapping(_ error: any Error) -> AdminError {
        switch error {
        case let e as AdminError: return e
        case let e as DirectoryError: return AdminError(e)
        case let e as RelayRuleError: return AdminError(e)
        case let e as QueueManagerError: return AdminError(e)
        case let e as DKIMKeyStoreError: return AdminError(e)
        default: return AdminError(.internal, "\(error)")
        }
    }
}

/// Runs a directory call, turning its error into an `AdminError`.
func directoryCall<T>(_ body: () throws(DirectoryError) -> T) throws(AdminError) -> T {
    do { return try body() } catch { throw AdminError(error) }
}

/// Runs a call whose errors are untyped, turning them into an `AdminError`.
func storeCall<T>(_ body: () throws -> T) throws(AdminError) -> T {
    do { return try body() } catch { throw AdminError.wrapping(error) }
}
