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

    /// RFC 4616 §2: `[authzid] NUL authcid NUL passwd`, UTF-8, authcid and passwd not empty.
    static func parsePlain(_ message: [UInt8]) throws(Failure) -> (authzid: String?, authcid: String, password: String) {
        let parts = message.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[1].isEmpty, !parts[2].isEmpty, !parts[2].contains(0) else {
            throw .malformedPlain
        }
        guard let authzid = String(validating: parts[0], as: UTF8.self),
              let authcid = String(validating: parts[1], as: UTF8.self),
              let password = String(validating: parts[2], as: UTF8.self) else { throw .notUTF8 }
        return (authzid.isEmpty ? nil : authzid, authcid, password)
    }
}
