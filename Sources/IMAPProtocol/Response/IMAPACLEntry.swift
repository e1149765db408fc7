/// An identifier and its rights (RFC 4314 §3.6).
public struct IMAPACLEntry: Hashable, Sendable {
    public var identifier: String
    public var rights: String

    public init(identifier: String, rights: String) {
        self.identifier = identifier
        self.rights = rights
    }
}
