import MailCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The little SASL that SMTP AUTH PLAIN and LOGIN need (RFC 4954, RFC 4616, and the LOGIN
/// mechanism of draft-murchison-sasl-login).
enum SASLDecoding {
    /// `Username:` and `Password:` in base64, the LOGIN challenges every client expects.
    static let loginUsernameChallenge = "VXNlcm5hbWU6"
    static let loginPasswordChallenge = "UGFzc3dvcmQ6"

    enum Failure: Error, Equatable {
        case invalidBase64
        case malformedPlain
        case notUTF8
    }

    /// Decodes a client response. RFC 4954 §4: anything outside the base64 alphabet, or
    /// padding in the middle, is rejected rather than ignored. An initial response of "="
    /// stands for an empty one; on a continuation line, an empty line is an empty response.
    static func decodeResponse(_ text: [UInt8], isInitialResponse: Bool) throws(Failure) -> [UInt8] {
        if isInitialResponse && text == [UInt8(ascii: "=")] { return [] }
        if text.isEmpty { return [] }
        guard let data = Data(base64Encoded: Data(text)) else { throw .invalidBase64 }
        return Array(data)
    }

    /// RFC 4616 §2, parsed by MailCore's `SASLPlainMessage`.
    static func parsePlain(_ message: [UInt8]) throws(Failure) -> SASLPlainMessage {
        do throws(SASLPlainMessage.ParseError) {
            return try SASLPlainMessage(parsing: message)
        } catch {
            switch error {
            case .malformed: throw .malformedPlain
            case .notUTF8: throw .notUTF8
            }
        }
    }

    static func utf8(_ bytes: some Collection<UInt8>) throws(Failure) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8 }
        return text
    }

    static func describe(_ failure: Failure) -> String {
        switch failure {
        case .invalidBase64: return "invalid base64"
        case .malformedPlain: return "malformed PLAIN message"
        case .notUTF8: return "not UTF-8"
        }
    }
}
