import Authentication
import SMTPProtocol

extension SMTPAuthenticationResult {
    /// SMTP's replies to the authenticator's decisions (RFC 4954 §6): 535 5.7.8 for every
    /// refused identity, 454 4.7.0 while the directory is unavailable, 421 for a blocked
    /// address (it ends the session).
    init(_ outcome: LoginOutcome) {
        switch outcome {
        case .success(let user, _): self = .success(user: user)
        case .invalidCredentials, .authorizationRefused: self = .invalidCredentials
        case .serviceDisabled: self = .reject(SMTPReply(535, "5.7.8", "Authentication credentials invalid"))
        case .blocked: self = .reject(SMTPReply(421, "4.7.0", "Too many failed logins from your address, try again later"))
        case .unavailable: self = .reject(SMTPReply(454, "4.7.0", "Temporary authentication failure"))
        }
    }
}
