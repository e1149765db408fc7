import Authentication
import ManageSieveProtocol

extension ManageSieveAuthenticationResult {
    /// ManageSieve's replies to the authenticator's decisions (RFC 5804 §2.1): NO for
    /// every refused identity (an account without ManageSieve access cannot exist today),
    /// NO (TRYLATER) for a blocked address or an unavailable directory.
    init(_ outcome: LoginOutcome) {
        switch outcome {
        case .success(let user, _): self = .success(user: user)
        case .invalidCredentials, .authorizationRefused, .serviceDisabled: self = .invalidCredentials
        case .blocked: self = .reject(.no("Too many failed logins, try again later", code: .tryLater))
        case .unavailable: self = .reject(.tryLater)
        }
    }
}
