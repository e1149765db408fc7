import MailCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Why a client's SASL response cannot be used.
public enum SASLFailure: Error, Equatable, Sendable {
    case invalidBase64
    case malformedPlain
    case notUTF8

    public var text: String {
        switch self {
        case .invalidBase64: return "invalid base64"
        case .malformedPlain: return "malformed PLAIN message"
        case .notUTF8: return "not UTF-8"
        }
    }
}

/// The little SASL that SMTP AUTH (RFC 4954), POP3 AUTH (RFC 5034) and ManageSieve
/// AUTHENTICATE (RFC 5804 §2.1) need: strict base64 responses, PLAIN (RFC 4616) and the
/// LOGIN mechanism's challenges (draft-murchison-sasl-login).
public enum SASLResponse {
    /// `Username:` and `Password:` in base64, the LOGIN challenges every client expects.
    public static let loginUsernameChallenge = "VXNlcm5hbWU6"
    public static let loginPasswordChallenge = "UGFzc3dvcmQ6"

    /// Decodes a client response. Anything outside the base64 alphabet, or padding in the
    /// middle, is an error rather than skipped (RFC 4954 §4, RFC 5034 §4). An empty
    /// response is empty; an initial response of "=" stands for an empty one (SMTP and
    /// POP3 only: ManageSieve sends its initial response as a string, so it passes false).
    public static func decode(_ text: some Collection<UInt8>, isInitialResponse: Bool) throws(SASLFailure) -> [UInt8] {
        let bytes = Array(text)
        if isInitialResponse && bytes == [UInt8(ascii: "=")] { return [] }
        if bytes.isEmpty { return [] }
        guard let data = Data(base64Encoded: Data(bytes)) else { throw .invalidBase64 }
        return Array(data)
    }

    /// RFC 4616 §2, parsed by MailCore's `SASLPlainMessage`.
    public static func parsePlain(_ message: [UInt8]) throws(SASLFailure) -> SASLPlainMessage {
        do throws(SASLPlainMessage.ParseError) {
            return try SASLPlainMessage(parsing: message)
        } catch {
            switch error {
            case .malformed: throw .malformedPlain
            case .notUTF8: throw .notUTF8
            }
        }
    }

    /// A LOGIN response (user name or password) as text.
    public static func utf8(_ bytes: some Collection<UInt8>) throws(SASLFailure) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8 }
        return text
    }
}
