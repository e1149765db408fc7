import Foundation

/// A credential of the REST API, as stored: only the SHA-256 of the secret is kept.
/// `session` tokens come from a login and expire; `api` tokens are named, made for
/// scripts, and last until revoked.
public struct AdminTokenRecord: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case session
        case api
    }

    /// Hex SHA-256 of the token text.
    public var hash: String
    public var kind: Kind
    /// An API token's name (unique among API tokens); a session's is its user's.
    public var name: String
    /// The administrator the token acts for.
    public var user: String
    public var created: Date
    /// nil: no expiry (API tokens).
    public var expires: Date?

    public init(hash: String, kind: Kind, name: String, user: String, created: Date, expires: Date?) {
        self.hash = hash
        self.kind = kind
        self.name = name
        self.user = user
        self.created = created
        self.expires = expires
    }
}

/// Where the REST API's tokens live (`AdminStore.SQLiteAdminTokenStore`: postino.sqlite).
/// Synchronous and possibly blocking, like every administration operation.
public protocol AdminTokenStore: Sendable {
    /// Adds a token; an API token whose name is taken is a `conflict`.
    func insert(_ record: AdminTokenRecord) throws(AdminError)
    /// The token with this hash, expired or not.
    func token(hash: String) throws(AdminError) -> AdminTokenRecord?
    /// Removes the token with this hash (a logout); false when there was none.
    @discardableResult
    func delete(hash: String) throws(AdminError) -> Bool
    /// Moves a session's expiry (idle timeout).
    func setExpiry(hash: String, _ expires: Date) throws(AdminError)
    /// Every token of this kind, sorted by name.
    func tokens(kind: AdminTokenRecord.Kind) throws(AdminError) -> [AdminTokenRecord]
    /// Removes the API token of this name; false when there was none.
    @discardableResult
    func deleteAPIToken(name: String) throws(AdminError) -> Bool
    /// Removes every token that expired before `now`.
    func purgeExpired(now: Date) throws(AdminError)
}
