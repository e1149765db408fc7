/// A parsed Internet message (RFC 5322) with its MIME structure (RFC 2045–2049).
///
/// Parsing never fails and never drops bytes: whatever the input, the result covers it
/// and every entity keeps its exact byte ranges in `bytes`.
public struct Message: Sendable {
    public let bytes: [UInt8]
    /// The top-level entity (part number "").
    public let root: MIMEPart

    public init(bytes: [UInt8], limits: MIMEParserLimits = .default) {
        self.bytes = bytes
        self.root = MIMETreeParser(source: bytes, limits: limits).parseMessage()
    }

    public init(_ text: String, limits: MIMEParserLimits = .default) {
        self.init(bytes: Array(text.utf8), limits: limits)
    }

    public var header: HeaderFields { root.header }
    public var headerRange: Range<Int> { root.headerRange }
    public var bodyRange: Range<Int> { root.bodyRange }

    /// The decoded Subject, or nil when there is none.
    public var subject: String? { root.subject }

    /// Mailboxes of the first field with this name (From, To, Cc, Reply-To…).
    public func mailboxes(in fieldName: String) -> [NamedMailbox] {
        header.value(of: fieldName).map { AddressList.mailboxes(in: $0) } ?? []
    }

    public var from: [NamedMailbox] { mailboxes(in: "From") }
    public var to: [NamedMailbox] { mailboxes(in: "To") }
    public var cc: [NamedMailbox] { mailboxes(in: "Cc") }

    /// The Date field as written, trimmed.
    public var date: String? { header.value(of: "Date")?.trimmingMailWhitespace }
    /// The Message-ID field as written, trimmed.
    public var messageID: String? { header.value(of: "Message-ID")?.trimmingMailWhitespace }

    /// Every entity, depth first (see `MIMEPart.walk()`).
    public var allParts: [MIMEPart] { root.walk() }

    /// The entity that an IMAP part number designates (RFC 3501 §6.4.5): BODY[n] is its
    /// body, BODY[n.MIME] its header; when it is message/rfc822, BODY[n.HEADER] and
    /// BODY[n.TEXT] are the header and body of its `encapsulatedMessage`. "" is the
    /// whole message. A message that is not multipart has a part 1: itself (its body),
    /// or, for message/rfc822, the part that holds the encapsulated message.
    public func part(numbered number: String) -> MIMEPart? {
        if number.isEmpty { return root }
        var current: MIMEPart?
        for component in number.split(separator: ".", omittingEmptySubsequences: false) {
            guard let n = Int(component), n >= 1 else { return nil }
            // What the next number counts in: the message itself at first, then a
            // multipart's parts, or the message a message/* entity encapsulates.
            let scope: MIMEPart
            if let designated = current {
                if designated.isMultipart {
                    scope = designated
                } else if let inner = designated.encapsulatedMessage {
                    scope = inner
                } else {
                    return nil
                }
            } else {
                scope = root
            }
            if case .multipart(let parts) = scope.content {
                guard n <= parts.count else { return nil }
                current = parts[n - 1]
            } else {
                // A message that is not multipart has only a part 1: its own body.
                guard n == 1, scope.isMessage else { return nil }
                current = scope
            }
        }
        return current
    }
}
