import MailClient
import Sync

/// What `sync add` takes, as plain values (the REST API's body): checked and turned into
/// a job by `job()`.
public struct SyncJobInput: Sendable {
    public var localUser: String
    public var host: String
    public var port: Int?
    /// `none`, `starttls` or `implicit`.
    public var tls: String
    public var tlsVerify = true
    public var remoteUser: String
    public var password: String?
    public var adminUser: String?
    public var adminPassword: String?
    public var adminSeparator = "*"
    public var deleteLocalMissing = false
    public var expungeRemote = false
    public var includes: [String] = []
    public var excludes: [String] = []

    public init(localUser: String, host: String, tls: String, remoteUser: String) {
        self.localUser = localUser
        self.host = host
        self.tls = tls
        self.remoteUser = remoteUser
    }

    /// The job; the same rules as the CLI's options (one way to log in, never both).
    public func job() throws(AdminError) -> SyncJob {
        guard let mode = ClientTLSMode(rawValue: tls.lowercased()) else {
            throw .invalidInput("tls: expected none, starttls or implicit, got \"\(tls)\"")
        }
        if password != nil && adminUser != nil {
            throw .invalidInput("give password, or admin_user with admin_password, not both")
        }
        if adminUser == nil && adminPassword != nil { throw .invalidInput("admin_password needs admin_user") }
        if let port, !(1...65_535).contains(port) { throw .invalidInput("port: \(port) is not a port number") }
        if password?.isEmpty == true || adminPassword?.isEmpty == true { throw .invalidInput("a password is empty") }
        return SyncJob(localUser: localUser, host: host, port: port, tls: mode, verifyCertificate: tlsVerify,
                       remoteUser: remoteUser, password: password, adminUser: adminUser, adminPassword: adminPassword,
                       adminSeparator: adminSeparator, deleteLocalMissing: deleteLocalMissing, expungeRemote: expungeRemote,
                       includes: includes, excludes: excludes)
    }
}
