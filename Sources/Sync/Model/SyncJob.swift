import MailClient

/// One synchronization job: a remote IMAP account copied into a local user (SPEC section
/// 9). One job per local user.
///
/// Passwords are stored as given (they must be sent to the remote server), in the
/// server's database (mode 0600 in a 0700 directory), as relay host credentials are.
public struct SyncJob: Sendable, Hashable, Codable {
    public var localUser: String
    public var host: String
    public var port: Int
    public var tls: ClientTLSMode
    public var verifyCertificate: Bool
    /// The remote login whose mailbox is copied.
    public var remoteUser: String
    /// The remote user's password, when no administrator login is used.
    public var password: String?
    /// A remote administrator ("master user") that logs in as `remoteUser`.
    public var adminUser: String?
    public var adminPassword: String?
    /// Between user and admin in the LOGIN name (Dovecot: `user*admin`). Empty: AUTHENTICATE
    /// PLAIN with the user as authorization identity.
    public var adminSeparator: String
    /// Remove local messages (copied by earlier runs) that the remote no longer has.
    public var deleteLocalMissing: Bool
    /// Delete remote messages once they are safely stored locally.
    public var expungeRemote: Bool
    /// Folder patterns (remote names with `/` as separator; `*` and `?` wildcards). Empty
    /// includes: every folder.
    public var includes: [String]
    public var excludes: [String]
    public var enabled: Bool

    public init(localUser: String, host: String, port: Int? = nil, tls: ClientTLSMode, verifyCertificate: Bool = true,
                remoteUser: String, password: String? = nil, adminUser: String? = nil, adminPassword: String? = nil,
                adminSeparator: String = "*", deleteLocalMissing: Bool = false, expungeRemote: Bool = false,
                includes: [String] = [], excludes: [String] = [], enabled: Bool = true) {
        self.localUser = localUser
        self.host = host
        self.port = port ?? (tls == .implicit ? 993 : 143)
        self.tls = tls
        self.verifyCertificate = verifyCertificate
        self.remoteUser = remoteUser
        self.password = password
        self.adminUser = adminUser
        self.adminPassword = adminPassword
        self.adminSeparator = adminSeparator
        self.deleteLocalMissing = deleteLocalMissing
        self.expungeRemote = expungeRemote
        self.includes = includes
        self.excludes = excludes
        self.enabled = enabled
    }

    public var credentials: IMAPCredentials {
        if let adminUser {
            return .masterUser(user: remoteUser, admin: adminUser, adminPassword: adminPassword ?? "", separator: adminSeparator)
        }
        return .password(user: remoteUser, password: password ?? "")
    }

    public var connectionSettings: ConnectionSettings {
        ConnectionSettings(host: host, port: port, tls: tls, verifyCertificate: verifyCertificate)
    }
}
