import MailCore

/// One header field as the interpreter sees it: original (with its exact bytes) or added
/// by `addheader` (RFC 5293).
public struct SieveHeaderField: Sendable, Hashable {
    public var name: String
    /// The unfolded value, leading blanks removed.
    public var value: String
    /// Where the original field lies in the message bytes; nil for an added field.
    public var sourceRange: Range<Int>?

    public init(name: String, value: String, sourceRange: Range<Int>? = nil) {
        self.name = name
        self.value = value
        self.sourceRange = sourceRange
    }

    func hasName(_ other: String) -> Bool { name.asciiLowercasedForSieve == other.asciiLowercasedForSieve }

    /// The value with RFC 2047 words decoded and outer blanks removed, as tests compare it
    /// (RFC 5228 §5.7).
    var decodedValue: String { EncodedWordDecoder.decodeUnstructured(value).sieveTrimmed }
}

/// The message a script runs on: the parsed MailCore `Message`.
public struct SieveMessage: Sendable {
    public let message: Message

    public init(message: Message) {
        self.message = message
    }

    /// Parses raw RFC 5322 bytes (never fails: see `Message`).
    public init(bytes: [UInt8]) {
        self.message = Message(bytes: bytes)
    }

    /// Size in octets, as the size test compares it (RFC 5228 §5.9).
    public var size: Int { message.bytes.count }

    /// The header fields of the top-level message, in order.
    var headerFields: [SieveHeaderField] {
        message.header.fields.map { SieveHeaderField(name: $0.name, value: $0.unfoldedValue, sourceRange: $0.range) }
    }
}

/// The SMTP envelope of the delivery (RFC 5228 §5.4).
public struct SieveEnvelope: Sendable, Hashable {
    /// The reverse path without angle brackets; "" for the null sender `<>`.
    public var from: String
    /// The recipient this delivery is for, as given in RCPT TO (with any +detail).
    public var to: String
    /// The recipient before alias expansion, when it differs; also counts as "the user's
    /// address" for vacation.
    public var originalTo: String?

    public init(from: String, to: String, originalTo: String? = nil) {
        self.from = from
        self.to = to
        self.originalTo = originalTo
    }
}
