/// The message of the SASL PLAIN mechanism (RFC 4616 §2), already base64-decoded:
/// `[authzid] NUL authcid NUL passwd`, each UTF-8, the user name and password not empty.
/// One parser for every protocol that offers AUTH PLAIN (SMTP, IMAP, POP3, ManageSieve);
/// each maps the failure to its own reply.
public struct SASLPlainMessage: Sendable, Equatable {
    /// The identity to act as; nil when empty (the client acts as itself).
    public var authorizationID: String?
    public var authenticationID: String
    public var password: String

    public enum ParseError: Error, Sendable, Equatable {
        /// Not three NUL-separated fields, or an empty user name or password.
        case malformed
        case notUTF8
    }

    public init(authorizationID: String?, authenticationID: String, password: String) {
        self.authorizationID = authorizationID
        self.authenticationID = authenticationID
        self.password = password
    }

    public init(parsing message: some Collection<UInt8>) throws(ParseError) {
        let parts = Array(message).split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[1].isEmpty, !parts[2].isEmpty, !parts[2].contains(0) else {
            throw .malformed
        }
        guard let authzid = String(validating: parts[0], as: UTF8.self),
              let authcid = String(validating: parts[1], as: UTF8.self),
              let password = String(validating: parts[2], as: UTF8.self) else { throw .notUTF8 }
        self.init(authorizationID: authzid.isEmpty ? nil : authzid, authenticationID: authcid, password: password)
    }

    /// The message as a client sends it (before base64).
    public var encoded: [UInt8] {
        Array((authorizationID ?? "").utf8) + [0] + Array(authenticationID.utf8) + [0] + Array(password.utf8)
    }
}
