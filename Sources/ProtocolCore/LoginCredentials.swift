/// A login a session asks the server to check, decoded from USER/PASS, SASL PLAIN or
/// LOGIN. The password never appears in descriptions (logs print credentials freely).
public struct LoginCredentials: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// `PLAIN`, `LOGIN` or `USER`.
    public var mechanism: String
    /// PLAIN's authzid when not empty: the identity to act as (RFC 4616 §2).
    public var authorizationIdentity: String?
    public var username: String
    public var password: String

    public init(mechanism: String, authorizationIdentity: String? = nil, username: String, password: String) {
        self.mechanism = mechanism
        self.authorizationIdentity = authorizationIdentity
        self.username = username
        self.password = password
    }

    public var description: String {
        let authz = authorizationIdentity.map { " as \($0)" } ?? ""
        return "\(mechanism) \(username)\(authz) (password hidden)"
    }

    public var debugDescription: String { description }
}
