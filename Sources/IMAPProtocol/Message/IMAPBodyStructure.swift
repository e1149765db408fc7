/// BODY / BODYSTRUCTURE (RFC 3501 §7.4.2): a single part or a multipart. The same value
/// gives both: the encoder leaves extension data out for BODY.
public indirect enum IMAPBodyStructure: Hashable, Sendable {
    case singlePart(IMAPSinglePart)
    case multipart(IMAPMultipart)
}

/// A non-multipart part.
public struct IMAPSinglePart: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case basic
        /// text/*: the body size in lines.
        case text(lines: UInt64)
        /// message/rfc822 (and message/global): the encapsulated message's envelope,
        /// structure and size in lines.
        case message(envelope: IMAPEnvelope, body: IMAPBodyStructure, lines: UInt64)
    }

    /// Media type and subtype, upper case ("TEXT", "PLAIN").
    public var type: String
    public var subtype: String
    public var parameters: [IMAPBodyParameter]
    /// Content-ID.
    public var contentID: [UInt8]?
    /// Content-Description, raw.
    public var contentDescription: [UInt8]?
    /// Content-Transfer-Encoding, upper case ("7BIT" when absent).
    public var encoding: String
    /// Octets of the body as transmitted (still encoded).
    public var size: UInt64
    public var kind: Kind
    public var extensionData: IMAPBodyExtension
    /// Content-MD5.
    public var md5: [UInt8]?

    public init(type: String, subtype: String, parameters: [IMAPBodyParameter], contentID: [UInt8]?, contentDescription: [UInt8]?,
                encoding: String, size: UInt64, kind: Kind, md5: [UInt8]? = nil,
                extensionData: IMAPBodyExtension = IMAPBodyExtension()) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
        self.contentID = contentID
        self.contentDescription = contentDescription
        self.encoding = encoding
        self.size = size
        self.kind = kind
        self.md5 = md5
        self.extensionData = extensionData
    }
}

/// A multipart: its parts and subtype, then extension data.
public struct IMAPMultipart: Hashable, Sendable {
    public var parts: [IMAPBodyStructure]
    /// Upper case ("MIXED").
    public var subtype: String
    /// Content-Type parameters (boundary included): multipart extension data.
    public var parameters: [IMAPBodyParameter]
    public var extensionData: IMAPBodyExtension

    public init(parts: [IMAPBodyStructure], subtype: String, parameters: [IMAPBodyParameter],
                extensionData: IMAPBodyExtension = IMAPBodyExtension()) {
        self.parts = parts
        self.subtype = subtype
        self.parameters = parameters
        self.extensionData = extensionData
    }
}

/// `attribute value` of a body parameter list.
public struct IMAPBodyParameter: Hashable, Sendable {
    /// Upper case ("CHARSET", "NAME", or "FILENAME*" for an RFC 2231 extended value).
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Extension data shared by single parts and multiparts: disposition, language, location.
public struct IMAPBodyExtension: Hashable, Sendable {
    public var disposition: IMAPBodyDisposition?
    /// Content-Language tags; nil for NIL.
    public var language: [String]?
    /// Content-Location.
    public var location: [UInt8]?

    public init(disposition: IMAPBodyDisposition? = nil, language: [String]? = nil, location: [UInt8]? = nil) {
        self.disposition = disposition
        self.language = language
        self.location = location
    }
}

/// `("ATTACHMENT" ("FILENAME" "a.pdf"))`.
public struct IMAPBodyDisposition: Hashable, Sendable {
    /// Upper case.
    public var type: String
    public var parameters: [IMAPBodyParameter]

    public init(type: String, parameters: [IMAPBodyParameter]) {
        self.type = type
        self.parameters = parameters
    }
}
