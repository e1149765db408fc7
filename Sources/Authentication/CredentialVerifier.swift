import Directory

/// Checks a login name and password (deliberately slow: crypt(3)).
public protocol CredentialVerifier: Sendable {
    func verify(login: String, password: String, service: MailService) async -> AuthResult
}

/// The directory's users, master user and per-service switches, checked off the event
/// loops.
public struct DirectoryCredentials: CredentialVerifier {
    let directory: any MailDirectory

    public init(directory: any MailDirectory) {
        self.directory = directory
    }

    public func verify(login: String, password: String, service: MailService) async -> AuthResult {
        await directory.verifyLogin(login, password: password, service: service)
    }
}
