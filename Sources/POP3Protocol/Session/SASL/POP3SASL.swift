import MailCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The SASL PLAIN that POP3 AUTH needs (RFC 5034, RFC 4616).
enum POP3SASL {
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

    /// RFC 5034 §4: an initial response of "=" is an empty response; anything outside the
    /// base64 alphabet is an error, not something to skip.
    static func decode(_ text: some Collection<UInt8>, isInitialResponse: Bool) throws(Failure) -> [UInt8] {
        let bytes = Array(text)
        if isInitialResponse && bytes == [UInt8(ascii: "=")] { return [] }
        if bytes.isEmpty { return [] }
        guard let data = Data(base64Encoded: Data(bytes)) else { throw .invalidBase64 }
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
