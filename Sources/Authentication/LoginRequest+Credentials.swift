import Directory
import ProtocolCore

extension LoginRequest {
    /// The request for credentials a protocol session decoded (USER/PASS, PLAIN, LOGIN).
    public init(_ credentials: LoginCredentials, service: MailService, remoteAddress: String, tls: Bool) {
        self.init(service: service, mechanism: credentials.mechanism, login: credentials.username,
                  authorizationID: credentials.authorizationIdentity, password: credentials.password,
                  remoteAddress: remoteAddress, tls: tls)
    }
}
