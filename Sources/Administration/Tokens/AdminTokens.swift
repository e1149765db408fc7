import Crypto
import Directory
import Foundation

/// The REST API's credentials: login sessions (bearer tokens with an idle timeout) and
/// named API tokens for scripts. Token texts are random (32 bytes, base64url, prefixed
/// `pst_`) and shown once; the store keeps their SHA-256 only.
public struct AdminTokens: Sendable {
    public let store: any AdminTokenStore
    public let directory: DirectoryStore
    /// How long a session lives without being used.
    public var sessionIdleTimeout: TimeInterval

    public init(store: any AdminTokenStore, directory: DirectoryStore, sessionIdleTimeout: TimeInterval = 30 * 60) {
        self.store = store
        self.directory = directory
        self.sessionIdleTimeout = sessionIdleTimeout
    }

    /// Who a valid token acts for.
    public struct Principal: Sendable, Hashable {
        public var user: String
        public var kind: AdminTokenRecord.Kind
        public var tokenName: String
    }

    /// Opens a session for `user` (already authenticated as an administrator); returns
    /// the token text.
    public func openSession(user: String, now: Date = Date()) throws(AdminError) -> (token: String, expires: Date) {
        try? store.purgeExpired(now: now)
        let text = Self.newTokenText()
        let expires = now.addingTimeInterval(sessionIdleTimeout)
        try store.insert(AdminTokenRecord(hash: Self.hash(text), kind: .session, name: user, user: user,
                                          created: now, expires: expires))
        return (text, expires)
    }

    /// Ends the session whose token this is (an API token is revoked by name only).
    public func close(token: String) throws(AdminError) {
        let hash = Self.hash(token)
        guard try store.token(hash: hash)?.kind == .session else { return }
        try store.delete(hash: hash)
    }

    /// Creates a named API token acting for `user` (an administrator); returns its text.
    public func createAPIToken(name: String, user: String, now: Date = Date()) throws(AdminError) -> String {
        guard !name.isEmpty, name.count <= 64,
              name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0) }) else {
            throw .invalidInput("token name: expected 1-64 letters, digits, '-', '_' or '.', got \"\(name)\"")
        }
        try requireAdministrator(user)
        let text = Self.newTokenText()
        try store.insert(AdminTokenRecord(hash: Self.hash(text), kind: .api, name: name, user: user, created: now, expires: nil))
        return text
    }

    /// The API tokens (never their secrets).
    public func apiTokens() throws(AdminError) -> [AdminTokenRow] {
        try store.tokens(kind: .api).map(AdminTokenRow.init)
    }

    /// Revokes the API token of this name.
    public func revokeAPIToken(name: String) throws(AdminError) {
        guard try store.deleteAPIToken(name: name) else { throw .notFound("no API token named \"\(name)\"") }
    }

    /// The principal of a bearer token: nil when unknown, expired, or when its user is no
    /// longer an administrator. A session's idle timeout restarts.
    public func principal(token: String, now: Date = Date()) throws(AdminError) -> Principal? {
        let hash = Self.hash(token)
        guard let record = try store.token(hash: hash) else { return nil }
        if let expires = record.expires, expires <= now {
            try store.delete(hash: hash)
            return nil
        }
        guard try isAdministrator(record.user) else { return nil }
        if record.kind == .session {
            let next = now.addingTimeInterval(sessionIdleTimeout)
            // Write at most once a minute per session.
            if let expires = record.expires, next.timeIntervalSince(expires) > 60 {
                try store.setExpiry(hash: hash, next)
            }
        }
        return Principal(user: record.user, kind: record.kind, tokenName: record.name)
    }

    private func isAdministrator(_ user: String) throws(AdminError) -> Bool {
        try directoryCall { () throws(DirectoryError) in try directory.user(named: user)?.isAdministrator ?? false }
    }

    private func requireAdministrator(_ user: String) throws(AdminError) {
        guard try isAdministrator(user) else { throw .invalidInput("\(user) is not an administrator") }
    }

    /// Hex SHA-256 of a token text.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func newTokenText() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let b64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "pst_" + b64
    }
}

/// An API token as listed (`postino admin token list --json`, `GET /api/v1/tokens`).
public struct AdminTokenRow: Codable, Sendable, Hashable {
    public var name: String
    public var user: String
    public var created: String

    init(_ record: AdminTokenRecord) {
        name = record.name
        user = record.user
        created = AdminTime.iso8601(record.created)
    }
}
