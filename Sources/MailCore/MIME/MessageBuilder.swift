import Foundation

/// Builds messages that Postino itself sends (bounces, notices): RFC 5322 header with
/// RFC 2047 encoding of non-ASCII text, MIME bodies with generated boundaries and a
/// suitable transfer encoding, CRLF line ends throughout.
///
///     var builder = MessageBuilder(body: .multipart("mixed", [.text("Hello"), attachment]))
///     builder.addAddressHeader("From", [sender])
///     builder.addHeader("Subject", "Grüße")
///     builder.setDate()
///     builder.setMessageID(domain: "example.org")
///     let bytes = builder.build()
public struct MessageBuilder: Sendable {
    private var headerLines: [(name: String, line: [UInt8])] = []
    public var body: MIMEBodyPart

    public init(body: MIMEBodyPart = .text("")) {
        self.body = body
    }

    /// Adds an unstructured field (Subject, Comments, X-…); non-ASCII text is encoded.
    public mutating func addHeader(_ name: String, _ value: String) {
        headerLines.append((name, HeaderFieldWriter.unstructured(name, value)))
    }

    /// Adds a field whose value is ASCII syntax already (Auto-Submitted, In-Reply-To…);
    /// it is only folded.
    public mutating func addStructuredHeader(_ name: String, _ value: String) {
        headerLines.append((name, HeaderFieldWriter.structured(name, value)))
    }

    /// Adds an address field (From, To, Cc, Reply-To): display names are quoted or
    /// encoded as needed (RFC 5322 §3.4, RFC 2047 §5 rule 3).
    public mutating func addAddressHeader(_ name: String, _ mailboxes: [NamedMailbox]) {
        let rendered = mailboxes.map { m -> String in
            guard let display = m.displayName, !display.isEmpty else { return m.address.description }
            return "\(HeaderFieldWriter.phrase(display)) <\(m.address.description)>"
        }
        addStructuredHeader(name, rendered.joined(separator: ", "))
    }

    /// Removes every field with this name.
    public mutating func removeHeader(_ name: String) {
        headerLines.removeAll { $0.name.equalsIgnoringASCIICase(name) }
    }

    /// Sets Date (RFC 5322 §3.6.1).
    public mutating func setDate(_ date: Date = Date(), timeZone: TimeZone = .current) {
        removeHeader("Date")
        addStructuredHeader("Date", RFC5322DateFormat.string(from: date, timeZone: timeZone))
    }

    /// Sets a new unique Message-ID (RFC 5322 §3.6.4) and returns it, brackets included.
    @discardableResult
    public mutating func setMessageID(domain: String) -> String {
        let id = "<\(Self.randomToken(length: 24, alphabet: "0123456789abcdefghijklmnopqrstuvwxyz"))"
            + ".\(Int(Date().timeIntervalSince1970))@\(domain)>"
        removeHeader("Message-ID")
        addStructuredHeader("Message-ID", id)
        return id
    }

    /// The message: header fields in the order added, MIME-Version, then the body.
    public func build() -> [UInt8] {
        var out: [UInt8] = []
        for (_, line) in headerLines { out.append(contentsOf: line) }
        out.append(contentsOf: HeaderFieldWriter.structured("MIME-Version", "1.0"))
        let entity = Self.render(body)
        out.append(contentsOf: entity.header)
        out.append(contentsOf: [ASCIIByte.cr, ASCIIByte.lf])
        out.append(contentsOf: entity.body)
        return out
    }

    // MARK: Rendering

    private static let crlf: [UInt8] = [ASCIIByte.cr, ASCIIByte.lf]

    /// Header fields (without the blank line) and body of one entity.
    static func render(_ part: MIMEBodyPart) -> (header: [UInt8], body: [UInt8]) {
        var parameters = part.contentType.parameters.parameters
        var body: [UInt8] = []
        var encoding: ContentTransferEncoding?
        switch part.payload {
        case .parts(let parts):
            let children = parts.map { child -> [UInt8] in
                let r = render(child)
                return r.header + crlf + r.body
            }
            // RFC 2046 §5.1.1: the boundary must not occur in the encapsulated parts.
            var boundary = ""
            repeat {
                boundary = "=_" + randomToken(length: 28, alphabet: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
            } while children.contains { contains($0, Array("--\(boundary)".utf8)) }
            parameters.removeAll { $0.name == "boundary" }
            parameters.append(MIMEParameter(name: "boundary", value: boundary))
            for child in children {
                body += Array("--\(boundary)\r\n".utf8) + child + crlf
            }
            body += Array("--\(boundary)--\r\n".utf8)
            // RFC 2045 §6.4: a multipart is 7bit unless what it holds is 8bit.
            encoding = body.contains { $0 >= 0x80 } ? .eightBit : nil
        case .bytes(let data):
            (body, encoding) = encode(data, as: part.contentType, requested: part.transferEncoding)
        }
        var header: [UInt8] = []
        let type = ([part.contentType.mimeType] + parameters.map { MIMEParameterWriter.render($0.name, $0.value) })
            .joined(separator: "; ")
        header += HeaderFieldWriter.structured("Content-Type", type)
        if let encoding {
            header += HeaderFieldWriter.structured("Content-Transfer-Encoding", encoding.name)
        }
        if let disposition = part.disposition {
            let value = ([disposition.type] + disposition.parameters.map { MIMEParameterWriter.render($0.name, $0.value) })
                .joined(separator: "; ")
            header += HeaderFieldWriter.structured("Content-Disposition", value)
        }
        for extra in part.extraHeaders {
            header += HeaderFieldWriter.unstructured(extra.name, extra.value)
        }
        return (header, body)
    }

    /// Encodes leaf content; nil encoding means 7bit (no field needed).
    private static func encode(_ data: [UInt8], as type: ContentType,
                               requested: ContentTransferEncoding?) -> ([UInt8], ContentTransferEncoding?) {
        let isText = type.type == "text"
        let content = isText ? canonicalLineBreaks(data) : data
        let chosen: ContentTransferEncoding
        if let requested {
            chosen = requested
        } else if type.type == "message" || type.type == "multipart" {
            // RFC 2046 §5.2.1: message/rfc822 may only be 7bit, 8bit or binary.
            chosen = isSevenBitSafe(content) ? .sevenBit : .eightBit
        } else if isText {
            let eightBitCount = content.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) }
            if isSevenBitSafe(content) {
                chosen = .sevenBit
            } else {
                chosen = eightBitCount * 3 <= content.count ? .quotedPrintable : .base64
            }
        } else {
            chosen = .base64
        }
        switch chosen {
        case .base64:
            return (Base64Codec.encode(content) + crlf, .base64)
        case .quotedPrintable:
            var encoded = QuotedPrintableCodec.encode(content)
            if encoded.last != ASCIIByte.lf { encoded += crlf }
            return (encoded, .quotedPrintable)
        case .sevenBit:
            return (content, nil)
        default:
            return (content, chosen)
        }
    }

    /// CRLF line breaks, ending with one (RFC 2046 §4.1.1 canonical text).
    static func canonicalLineBreaks(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + data.count / 32 + 2)
        var i = 0
        while i < data.count {
            let b = data[i]
            if b == ASCIIByte.cr {
                out += crlf
                i += (i + 1 < data.count && data[i + 1] == ASCIIByte.lf) ? 2 : 1
                continue
            }
            if b == ASCIIByte.lf { out += crlf } else { out.append(b) }
            i += 1
        }
        if !out.isEmpty, out.last != ASCIIByte.lf { out += crlf }
        return out
    }

    /// ASCII without NUL, bare CR/LF, and lines within RFC 5322's 998 limit.
    private static func isSevenBitSafe(_ data: [UInt8]) -> Bool {
        var lineLength = 0
        for (i, b) in data.enumerated() {
            if b == 0 || b >= 0x80 { return false }
            if b == ASCIIByte.lf {
                if i == 0 || data[i - 1] != ASCIIByte.cr { return false }
                lineLength = 0
            } else if b == ASCIIByte.cr {
                if i + 1 >= data.count || data[i + 1] != ASCIIByte.lf { return false }
            } else {
                lineLength += 1
                if lineLength > 998 { return false }
            }
        }
        return true
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return false }
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    static func randomToken(length: Int, alphabet: String) -> String {
        let chars = Array(alphabet)
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in chars[Int(generator.next(upperBound: UInt64(chars.count)))] })
    }
}
