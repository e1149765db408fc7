import MailCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The SASL PLAIN that AUTHENTICATE needs (RFC 5804 §2.1, RFC 4616).
enum ManageSieveSASL {
    enum Failure: Error, Equatable {
        case invalidBase64
        case malformedPlain
        case notUTF8

        var text: String {
            switch self {
            case .invalidBase64: return "invalid base64"
            case .malformedPlain: return "malformed PLAIN message"
            case .notUTF8: return "not UTF-8"
            }
        }
    }

    /// The string's base64, strictly: anything outside the alphabet is an error. An empty
    /// string is an empty response (RFC 5804 §2.1).
    static func decode(_ text: [UInt8]) throws(Failure) -> [UInt8] {
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
}
