import IMAPProtocol

/// What SELECT/EXAMINE told about a mailbox (RFC 3501 §6.3.1).
public struct IMAPSelectedMailbox: Sendable, Hashable {
    public var name: String
    public var uidValidity: UInt32?
    public var uidNext: UInt32?
    public var exists: UInt32 = 0
    public var flags: [String] = []
    public var permanentFlags: [String] = []
    public var highestModSeq: UInt64?
    public var readOnly = false

    public init(name: String) {
        self.name = name
    }
}

/// How to log in to the remote server.
public enum IMAPCredentials: Sendable, Hashable {
    /// The user's own password (LOGIN, or AUTHENTICATE PLAIN when LOGIN is disabled).
    case password(user: String, password: String)
    /// A master user: `user<separator>admin` with the admin's password over LOGIN (Dovecot's
    /// `auth_master_user_separator`), or, with an empty separator, AUTHENTICATE PLAIN with
    /// the user as authorization identity (RFC 4616 §2).
    case masterUser(user: String, admin: String, adminPassword: String, separator: String)

    /// The remote user whose mailbox is opened.
    public var user: String {
        switch self {
        case let .password(user, _): return user
        case let .masterUser(user, _, _, _): return user
        }
    }
}
