import MailCore

/// RFC 3461 §4.1 `NOTIFY=`.
public enum DSNNotify: Hashable, Sendable {
    case never
    case on(Conditions)

    public struct Conditions: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let success = Conditions(rawValue: 1)
        public static let failure = Conditions(rawValue: 2)
        public static let delay = Conditions(rawValue: 4)
    }
}

/// RFC 3461 §4.2 `ORCPT=addr-type;xtext`.
public struct DSNOriginalRecipient: Hashable, Sendable {
    /// As given, e.g. `rfc822` (compare case-insensitively).
    public var addressType: String
    /// The xtext-decoded address.
    public var address: String
    /// The parameter value exactly as received, to pass on unchanged when relaying
    /// (RFC 3461 §4.2).
    public var rawValue: String

    public init(addressType: String, address: String, rawValue: String) {
        self.addressType = addressType
        self.address = address
        self.rawValue = rawValue
    }
}

/// The ESMTP parameters of RCPT TO that Postino understands.
public struct SMTPRecipientParameters: Hashable, Sendable {
    public var notify: DSNNotify?
    public var originalRecipient: DSNOriginalRecipient?

    public init(notify: DSNNotify? = nil, originalRecipient: DSNOriginalRecipient? = nil) {
        self.notify = notify
        self.originalRecipient = originalRecipient
    }

    public static func parse(_ parameters: ESMTPParameters) throws(SMTPCommandError) -> SMTPRecipientParameters {
        var result = SMTPRecipientParameters()
        for parameter in parameters.parameters {
            switch parameter.keyword {
            case "NOTIFY":
                result.notify = try parseNotify(try SMTPMailParameters.required(parameter))
            case "ORCPT":
                result.originalRecipient = try parseOriginalRecipient(try SMTPMailParameters.required(parameter))
            default:
                throw SMTPCommandError(.unknownParameter, "Unsupported parameter \(parameter.keyword)")
            }
        }
        return result
    }

    /// `"NEVER" / 1#( "SUCCESS" / "FAILURE" / "DELAY" )`: NEVER stands alone.
    private static func parseNotify(_ value: String) throws(SMTPCommandError) -> DSNNotify {
        let words = value.uppercased().split(separator: ",", omittingEmptySubsequences: false)
        if words == ["NEVER"] { return .never }
        var conditions: DSNNotify.Conditions = []
        for word in words {
            switch word {
            case "SUCCESS": conditions.insert(.success)
            case "FAILURE": conditions.insert(.failure)
            case "DELAY": conditions.insert(.delay)
            default:
                throw SMTPCommandError(.syntax, "NOTIFY must be NEVER or a list of SUCCESS, FAILURE, DELAY")
            }
        }
        return .on(conditions)
    }

    private static func parseOriginalRecipient(_ value: String) throws(SMTPCommandError) -> DSNOriginalRecipient {
        // RFC 3461 §4.2: at most 500 characters.
        guard value.utf8.count <= 500 else {
            throw SMTPCommandError(.syntax, "ORCPT is longer than 500 characters")
        }
        guard let semicolon = value.firstIndex(of: ";") else {
            throw SMTPCommandError(.syntax, "ORCPT must be addr-type;address, as in rfc822;user@example.com")
        }
        let type = String(value[..<semicolon])
        let isTypeChar: (UInt8) -> Bool = {
            (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == UInt8(ascii: "-")
        }
        guard !type.isEmpty, type.utf8.allSatisfy(isTypeChar) else {
            throw SMTPCommandError(.syntax, "ORCPT address type must be a word such as rfc822")
        }
        let encoded = String(value[value.index(after: semicolon)...])
        guard !encoded.isEmpty else { throw SMTPCommandError(.syntax, "ORCPT has no address") }
        let address = try SMTPMailParameters.decodeXtext(encoded, keyword: "ORCPT")
        return DSNOriginalRecipient(addressType: type, address: address, rawValue: value)
    }
}
