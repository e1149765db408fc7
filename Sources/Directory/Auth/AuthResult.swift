/// What a login is for; each maps to a per-user switch.
public enum MailService: String, Sendable, Hashable, CaseIterable {
    case imap
    case pop3
    /// SMTP AUTH (submission).
    case smtp
    /// ManageSieve (RFC 5804): every user with a password may manage their scripts.
    case manageSieve = "managesieve"
    /// The admin REST API and web UI: administrators only.
    case admin
}

public enum AuthFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Unknown user, wrong password, no password, or a master login that is not allowed:
    /// deliberately indistinguishable to the client.
    case invalidCredentials
    /// The password was right but the user may not use this service.
    case serviceDisabled(MailService)
    /// The directory could not be read; the client should retry (IMAP `[UNAVAILABLE]`,
    /// SMTP 454 4.7.0).
    case unavailable(String)

    public var description: String {
        switch self {
        case .invalidCredentials: return "invalid credentials"
        case let .serviceDisabled(service): return "\(service.rawValue) access is disabled for this user"
        case let .unavailable(reason): return "authentication temporarily unavailable: \(reason)"
        }
    }
}

public enum AuthResult: Sendable, Hashable {
    /// `viaMaster`: the administrator logged in as this user (log it).
    case success(User, viaMaster: Bool)
    case failure(AuthFailure)
}
