/// One MIME entity (RFC 2045 §2.4): the top-level message, a body part of a multipart,
/// or a message encapsulated by a message/rfc822 part.
///
/// Every entity keeps byte ranges into the source buffer so that IMAP can serve exact
/// sections: `headerRange` (BODY[n.MIME], or BODY[HEADER] of a message, blank line
/// included as RFC 3501 §6.4.5 requires) and `bodyRange` (BODY[n], BODY[TEXT]). The
/// line break before a multipart delimiter belongs to the delimiter (RFC 2046 §5.1.1)
/// and is therefore not part of the body range of the entity it ends.
public struct MIMEPart: Sendable {
    /// What the body holds.
    public indirect enum Content: Sendable {
        /// A leaf: the body is data.
        case single
        /// multipart/*: the body parts, in order.
        case multipart([MIMEPart])
        /// message/*: the encapsulated message (or, for message/external-body, the
        /// header of the external data).
        case message(MIMEPart)
    }

    /// The buffer the ranges point into (shared, not copied).
    public let source: [UInt8]
    /// IMAP part number (RFC 3501 §6.4.5): "" for the top-level message, "1.2" for the
    /// second part of the first part. A message encapsulated by a message/rfc822 body
    /// part shares that part's number ("3": its header is BODY[3.HEADER]); one
    /// encapsulated by a top-level or encapsulated message/rfc822 message is that
    /// message's part 1 ("1", "3.1").
    public let partNumber: String
    /// True for the top-level message and for encapsulated messages, whose header is a
    /// message header (HEADER/TEXT sections); false for body parts (MIME sections).
    public let isMessage: Bool
    /// Nesting depth: 0 for the top-level message.
    public let depth: Int
    /// From the first header line through the blank line that ends the header.
    public let headerRange: Range<Int>
    public let bodyRange: Range<Int>
    public let header: HeaderFields
    /// The effective type: the Content-Type field if valid, else the default for the
    /// context (text/plain, or message/rfc822 inside multipart/digest).
    public let contentType: ContentType
    public let contentDisposition: ContentDisposition?
    /// Nil when the field is absent (7bit is then implied, RFC 2045 §6.1).
    public let transferEncoding: ContentTransferEncoding?
    public let content: Content
    /// What the parser had to repair or give up on in this entity.
    public let defects: [MIMEDefect]

    public init(source: [UInt8], partNumber: String, isMessage: Bool, depth: Int,
                headerRange: Range<Int>, bodyRange: Range<Int>, header: HeaderFields,
                contentType: ContentType, contentDisposition: ContentDisposition?,
                transferEncoding: ContentTransferEncoding?, content: Content, defects: [MIMEDefect]) {
        self.source = source
        self.partNumber = partNumber
        self.isMessage = isMessage
        self.depth = depth
        self.headerRange = headerRange
        self.bodyRange = bodyRange
        self.header = header
        self.contentType = contentType
        self.contentDisposition = contentDisposition
        self.transferEncoding = transferEncoding
        self.content = content
        self.defects = defects
    }

    /// The whole entity: header and body.
    public var range: Range<Int> { headerRange.lowerBound..<bodyRange.upperBound }
    public var headerBytes: ArraySlice<UInt8> { source[headerRange] }
    /// The body as transmitted (still transfer-encoded).
    public var bodyBytes: ArraySlice<UInt8> { source[bodyRange] }

    /// The body parts of a multipart; empty otherwise.
    public var children: [MIMEPart] {
        if case .multipart(let parts) = content { return parts }
        return []
    }

    /// The message encapsulated by a message/* entity.
    public var encapsulatedMessage: MIMEPart? {
        if case .message(let m) = content { return m }
        return nil
    }

    /// "type/subtype", lower case.
    public var mimeType: String { contentType.mimeType }
    public var isMultipart: Bool { if case .multipart = content { return true } else { return false } }

    /// The declared charset, lower case; nil when not declared.
    public var charset: String? { contentType.charset }

    /// The attachment's file name: Content-Disposition `filename`, else Content-Type
    /// `name`; RFC 2231 and RFC 2047 decoded, trimmed. Empty when declared empty.
    public var filename: String? {
        contentDisposition?.filename ?? contentType.name
    }

    /// The decoded Subject of this entity's header.
    public var subject: String? { header.decodedValue(of: "Subject") }

    /// The body with the content-transfer-encoding undone.
    public func decodedBody() -> [UInt8] {
        (transferEncoding ?? .sevenBit).decode(source[bodyRange])
    }

    /// The decoded body as text in its declared charset (US-ASCII when undeclared,
    /// RFC 2045 §5.2), never failing.
    public func decodedText() -> String {
        CharsetDecoder.decode(decodedBody(), charset: charset)
    }

    /// This entity and all entities below it, depth first, parents before children;
    /// a message/* part is followed by its encapsulated message and that message's
    /// parts (the order of Python's `Message.walk()`).
    public func walk() -> [MIMEPart] {
        var result: [MIMEPart] = []
        var stack: [MIMEPart] = [self]
        while let part = stack.popLast() {
            result.append(part)
            switch part.content {
            case .single: break
            case .multipart(let parts): stack.append(contentsOf: parts.reversed())
            case .message(let inner): stack.append(inner)
            }
        }
        return result
    }
}
