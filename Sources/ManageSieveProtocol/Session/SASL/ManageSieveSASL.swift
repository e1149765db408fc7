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
