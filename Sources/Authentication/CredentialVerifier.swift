import Directory
import Durability

/// Checks a login name and password (deliberately slow: crypt(3)).
public protocol CredentialVerifier: Sendable {
    func verify(login: String, password: String, service: MailService) async -> AuthResult
}

/// The directory's users, master user and per-service switches, checked off the event
/// loops.
public struct DirectoryCredentials: CredentialVerifier {
    let directory: DirectoryStore

    public init(directory: DirectoryStore) {
        self.directory = directory
    }

    public func verify(login: String, password: String, service: MailService) async -> AuthResult {
        do {
            return try await BlockingIO.run { directory.authenticate(login: login, password: password, service: service) }
        } catch {
            return .failure(.unavailable("\(error)"))
        }
    }
}
