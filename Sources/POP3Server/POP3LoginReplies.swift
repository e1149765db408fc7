import Authentication
import POP3Protocol

extension POP3AuthenticationResult {
    /// POP3's replies to the authenticator's decisions (RFC 2449 and RFC 3206 response
    /// codes): `[AUTH]` for refused identities, `[LOGIN-DELAY]` for a blocked address,
    /// `[SYS/TEMP]` while the directory is unavailable.
    init(_ outcome: LoginOutcome) {
        switch outcome {
        case .success(let user, _): self = .success(user: user)
        case .invalidCredentials, .authorizationRefused: self = .invalidCredentials
        case .serviceDisabled: self = .reject(.err("POP3 access is disabled for this account", code: .auth))
        case .blocked: self = .reject(.err("Too many failed logins, try again later", code: .loginDelay))
        case .unavailable: self = .reject(.err("Authentication temporarily unavailable", code: .systemTemporary))
        }
    }
}
