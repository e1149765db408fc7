import Foundation

/// The LOGIN mechanism (draft-murchison-sasl-login): two server challenges,
/// `Username:` and `Password:`, each answered with one base64 line.
public struct SASLLoginExchange: Sendable {
    public enum Step: Sendable, Equatable {
        /// Send this base64 challenge (`334 …` / `+ …`) and wait for the next line.
        case challenge(String)
        case done(SASLPlainCredentials)
    }

    public static let usernameChallenge = Data("Username:".utf8).base64EncodedString()
    public static let passwordChallenge = Data("Password:".utf8).base64EncodedString()

    private var username: String?

    /// - Parameter initialResponse: the optional user name given on the AUTH line itself.
    public init() {}

    /// The first step: ask for the user name, or, when it came with the command, the password.
    public mutating func start(initialResponse: String?) throws(SASLError) -> Step {
        if let initialResponse {
            username = try Self.decodeLine(initialResponse)
            return .challenge(Self.passwordChallenge)
        }
        return .challenge(Self.usernameChallenge)
    }

    /// Feeds one client line. `*` cancels (RFC 4954 §4).
    public mutating func receive(_ line: String) throws(SASLError) -> Step {
        if line == "*" { throw .cancelled }
        let value = try Self.decodeLine(line)
        guard let username else {
            self.username = value
            return .challenge(Self.passwordChallenge)
        }
        guard !username.isEmpty, !value.isEmpty else { throw .malformed("empty user name or password") }
        return .done(SASLPlainCredentials(authorizationID: "", authenticationID: username, password: value))
    }

    private static func decodeLine(_ line: String) throws(SASLError) -> String {
        guard let data = Data(base64Encoded: line.trimmingCharacters(in: .whitespaces)) else { throw .invalidBase64 }
        guard let text = String(data: data, encoding: .utf8) else { throw .malformed("not UTF-8") }
        return text
    }
}
