import Authentication
import IMAPProtocol

extension IMAPCommandFailure {
    /// IMAP's replies to the authenticator's refusals (RFC 5530 response codes).
    init(_ refusal: LoginOutcome) {
        switch refusal {
        case .success, .invalidCredentials: self.init(.no, .authenticationFailed, "Authentication failed")
        case .authorizationRefused: self.init(.no, .authorizationFailed, "Authorization identity refused")
        case .serviceDisabled: self.init(.no, .authorizationFailed, "IMAP access is disabled for this account")
        case .blocked: self.init(.no, .unavailable, "Too many failed logins from your address, try again later")
        case .unavailable: self.init(.no, .unavailable, "Authentication temporarily unavailable")
        }
    }
}
