import Authentication
import Directory
import ProtocolCore

extension SessionChannelDriver {
    /// Checks a login a session decoded through the one authenticator (throttle, access
    /// log, master user), off the event loop; `then` gets the outcome on it.
    public func authenticate(_ credentials: LoginCredentials, service: MailService, tls: Bool,
                             with authenticator: Authenticator, then: @escaping (LoginOutcome) -> Void) {
        let request = LoginRequest(credentials, service: service, remoteAddress: remoteAddress, tls: tls)
        answer({ await authenticator.authenticate(request) }) { result in
            // Cannot fail: the authenticator logs its own trouble and answers `.unavailable`.
            then((try? result.get()) ?? .unavailable)
        }
    }
}
