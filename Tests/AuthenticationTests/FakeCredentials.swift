import Authentication
import Directory
import Logging

/// One user per name, the password is the name reversed; `disabled` users may not use any
/// service. Counts the checks it made.
struct FakeCredentials: CredentialVerifier {
    var disabled: Set<String> = []
    var unavailable = false

    func verify(login: String, password: String, service: MailService) async -> AuthResult {
        if unavailable { return .failure(.unavailable("database is locked")) }
        let name = login.lowercased()
        guard password == String(name.reversed()) else { return .failure(.invalidCredentials) }
        if disabled.contains(name) { return .failure(.serviceDisabled(service)) }
        return .success(User(name: name), viaMaster: false)
    }
}

func login(_ name: String, password: String? = nil, ip: String = "192.0.2.7", authz: String? = nil,
           service: MailService = .imap) -> LoginRequest {
    LoginRequest(service: service, mechanism: "PLAIN", login: name, authorizationID: authz,
                 password: password ?? String(name.lowercased().reversed()), remoteAddress: ip, tls: true)
}

let quietLog = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
