import Foundation

/// The three fields of a SASL PLAIN message (RFC 4616 §2):
/// `[authzid] NUL authcid NUL passwd`.
public struct SASLPlainCredentials: Sendable, Equatable {
    /// Authorization identity; empty when the client acts as itself.
    public var authorizationID: String
    public var authenticationID: String
    public var password: String

    public init(authorizationID: String, authenticationID: String, password: String) {
        self.authorizationID = authorizationID
        self.authenticationID = authenticationID
        self.password = password
    }

    /// Decodes the base64 text a client sends after `AUTH PLAIN` (or in SASL-IR).
    public static func decode(base64 text: String) throws(SASLError) -> SASLPlainCredentials {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespaces)) else {
            throw .invalidBase64
        }
        let fields = data.split(separator: 0, omittingEmptySubsequences: false)
        guard fields.count == 3 else { throw .malformed("expected authzid NUL authcid NUL password") }
        // RFC 4616 §2: each field is UTF-8 and at most 255 octets.
        guard fields.allSatisfy({ $0.count <= 255 }) else { throw .malformed("field longer than 255 octets") }
        guard let authz = String(data: fields[0], encoding: .utf8),
              let authc = String(data: fields[1], encoding: .utf8),
              let password = String(data: fields[2], encoding: .utf8)
        else { throw .malformed("fields are not UTF-8") }
        guard !authc.isEmpty, !password.isEmpty else { throw .malformed("empty user name or password") }
        return SASLPlainCredentials(authorizationID: authz, authenticationID: authc, password: password)
    }

    /// The base64 form, as a client would send it (used by tests and the SMTP client).
    public var base64: String {
        Data((authorizationID + "\u{0}" + authenticationID + "\u{0}" + password).utf8).base64EncodedString()
    }
}

public enum SASLError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidBase64
    case malformed(String)
    case cancelled

    public var description: String {
        switch self {
        case .invalidBase64: return "invalid base64 in SASL response"
        case .malformed(let why): return "malformed SASL response: \(why)"
        case .cancelled: return "authentication cancelled"
        }
    }
}
