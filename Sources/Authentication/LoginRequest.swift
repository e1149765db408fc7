import Directory

/// One login as a protocol received it (SMTP AUTH, IMAP LOGIN/AUTHENTICATE, POP3 USER/PASS
/// and AUTH, ManageSieve AUTHENTICATE, the admin login).
public struct LoginRequest: Sendable, Hashable {
    public var service: MailService
    /// `PLAIN`, `LOGIN`, `USER`: for the access log.
    public var mechanism: String
    /// The login name (SASL authcid): `name`, `name@domain` or the master form `name*admin`.
    public var login: String
    /// SASL PLAIN's authzid when not empty (RFC 4616 §2). Acting as somebody else is not
    /// offered (the master-user form is `name*admin` as the login): any other identity
    /// than the login is refused, and counts as a failure.
    public var authorizationID: String?
    public var password: String
    public var remoteAddress: String
    public var tls: Bool

    public init(service: MailService, mechanism: String, login: String, authorizationID: String? = nil,
                password: String, remoteAddress: String, tls: Bool) {
        self.service = service
        self.mechanism = mechanism
        self.login = login
        self.authorizationID = authorizationID
        self.password = password
        self.remoteAddress = remoteAddress
        self.tls = tls
    }

    /// Whom the password is checked for, for the throttle: the login's name without its
    /// domain, or for a master login (`name*admin`) the administrator named after `*`.
    var throttledAccount: String {
        var name = Substring(login.lowercased())
        if let star = name.firstIndex(of: "*") { name = name[name.index(after: star)...] }
        if let at = name.lastIndex(of: "@") { name = name[..<at] }
        return String(name)
    }
}

/// What the authenticator decided; each protocol maps it to its own reply.
public enum LoginOutcome: Sendable, Hashable {
    /// Logged in as `user` (the canonical user name); `viaMaster`: the administrator
    /// logged in as this user.
    case success(user: String, viaMaster: Bool)
    /// Unknown user, wrong password, or a master login that is not allowed.
    case invalidCredentials
    /// PLAIN's authorization identity is not the login (IMAP: `[AUTHORIZATIONFAILED]`;
    /// elsewhere the same reply as invalid credentials).
    case authorizationRefused
    /// The password was right but the user may not use this service.
    case serviceDisabled(MailService)
    /// `auth.block_after` failures from this IP address: refused without checking.
    case blocked
    /// The directory could not be read: try again later.
    case unavailable
}
