/// Whose mailbox: a user's, or the public namespace shared through ACLs (SPEC section 2).
public enum MailboxOwner: Hashable, Sendable, CustomStringConvertible {
    case user(String)
    case publicNamespace

    static let publicKey = "#public"

    /// The `owner` column.
    public var key: String {
        switch self {
        case .user(let name): return name
        case .publicNamespace: return Self.publicKey
        }
    }

    public init(key: String) {
        self = key == Self.publicKey ? .publicNamespace : .user(key)
    }

    public var description: String {
        switch self {
        case .user(let name): return name
        case .publicNamespace: return "public"
        }
    }
}
