/// What a mail client needs to set up one account: the servers to reach, each with its
/// port and security, and the login. Thunderbird's autoconfig and Outlook's autodiscover
/// documents are two renderings of it.
public struct MailClientSettings: Sendable, Equatable {
    public enum Kind: String, Sendable { case imap, pop3, smtp }

    public enum Security: Sendable { case implicitTLS, startTLS }

    public struct Server: Sendable, Equatable {
        public var kind: Kind
        public var port: Int
        public var security: Security

        public init(kind: Kind, port: Int, security: Security) {
            self.kind = kind
            self.port = port
            self.security = security
        }
    }

    public var domain: String
    /// The address asked about; nil when the client only named the domain.
    public var email: String?
    public var hostname: String
    /// What the client types as user name: nil means the address itself (a login as
    /// `name@domain` works for every user of a local domain).
    public var login: String?
    /// Most preferred first within each kind (implicit TLS before STARTTLS: RFC 8314 §3).
    public var servers: [Server]

    public init(domain: String, email: String?, hostname: String, login: String?, servers: [Server]) {
        self.domain = domain
        self.email = email
        self.hostname = hostname
        self.login = login
        self.servers = servers
    }

    public func servers(_ kind: Kind) -> [Server] { servers.filter { $0.kind == kind } }
}
