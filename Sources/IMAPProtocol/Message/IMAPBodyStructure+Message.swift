import MailCore

extension IMAPBodyStructure {
    /// The body structure of a parsed message (RFC 3501 §7.4.2), computed from MailCore's
    /// MIME tree:
    /// - types, subtypes, parameter names and encodings in upper case, parameter values
    ///   as written (RFC 2231 values as one `name*` parameter in `utf-8''` form);
    /// - text parts without a charset get `("CHARSET" "US-ASCII")` (RFC 2045 §5.2);
    /// - sizes are octets of the body as stored (still transfer-encoded) and line counts
    ///   the number of LF octets in it;
    /// - message/rfc822 and message/global parts carry the envelope, structure and line
    ///   count of the encapsulated message;
    /// - a multipart whose parts could not be found (no boundary, or no delimiter line)
    ///   holds one text/plain part spanning its body, which is also what its section 1
    ///   designates (see `IMAPMessageSections`).
    public init(message: Message) {
        self = IMAPBodyStructureBuilder.structure(of: message.root)
    }

    public init(part: MIMEPart) {
        self = IMAPBodyStructureBuilder.structure(of: part)
    }
}

enum IMAPBodyStructureBuilder {
    static func structure(of part: MIMEPart) -> IMAPBodyStructure {
        if case .multipart(let children) = part.content, !children.isEmpty {
            return .multipart(IMAPMultipart(parts: children.map(structure(of:)), subtype: part.contentType.subtype.uppercased(),
                                            parameters: parameters(part.contentType.parameters),
                                            extensionData: extensionData(part)))
        }
        if part.contentType.isMultipart {
            // No parts could be delimited: one text/plain part holds the body.
            let body = part.source[part.bodyRange]
            let inner = IMAPSinglePart(type: "TEXT", subtype: "PLAIN", parameters: [IMAPBodyParameter("CHARSET", "US-ASCII")],
                                       contentID: nil, contentDescription: nil, encoding: "7BIT", size: UInt64(body.count),
                                       kind: .text(lines: lineCount(body)))
            return .multipart(IMAPMultipart(parts: [.singlePart(inner)], subtype: part.contentType.subtype.uppercased(),
                                            parameters: parameters(part.contentType.parameters),
                                            extensionData: extensionData(part)))
        }
        return .singlePart(singlePart(part))
    }

    static func singlePart(_ part: MIMEPart) -> IMAPSinglePart {
        let type = part.contentType
        let body = part.source[part.bodyRange]
        var params = parameters(type.parameters)
        let kind: IMAPSinglePart.Kind
        if type.type == "text" {
            if type.parameters.parameter(named: "charset") == nil {
                params.insert(IMAPBodyParameter("CHARSET", "US-ASCII"), at: 0)
            }
            kind = .text(lines: lineCount(body))
        } else if isEncapsulatedMessage(type) {
            if let inner = part.encapsulatedMessage {
                kind = .message(envelope: IMAPEnvelope(header: inner.header), body: structure(of: inner), lines: lineCount(body))
            } else {
                // Beyond the parser's depth limit: the content stays opaque.
                let empty = IMAPSinglePart(type: "TEXT", subtype: "PLAIN", parameters: [IMAPBodyParameter("CHARSET", "US-ASCII")],
                                           contentID: nil, contentDescription: nil, encoding: "7BIT", size: 0, kind: .text(lines: 0))
                kind = .message(envelope: IMAPEnvelope(), body: .singlePart(empty), lines: lineCount(body))
            }
        } else {
            kind = .basic
        }
        return IMAPSinglePart(type: type.type.uppercased(), subtype: type.subtype.uppercased(), parameters: params,
                              contentID: fieldBytes(part, "Content-ID"), contentDescription: fieldBytes(part, "Content-Description"),
                              encoding: encoding(part), size: UInt64(body.count), kind: kind,
                              md5: fieldBytes(part, "Content-MD5"), extensionData: extensionData(part))
    }

    /// Types whose BODYSTRUCTURE carries an encapsulated message (RFC 3501 §7.4.2,
    /// RFC 9051 §7.5.2 for message/global).
    static func isEncapsulatedMessage(_ type: ContentType) -> Bool {
        type.type == "message" && (type.subtype == "rfc822" || type.subtype == "global")
    }

    static func lineCount(_ body: ArraySlice<UInt8>) -> UInt64 {
        var count: UInt64 = 0
        for b in body where b == 0x0A { count += 1 }
        return count
    }

    /// Content-Transfer-Encoding as written, upper case; 7BIT when absent or empty.
    static func encoding(_ part: MIMEPart) -> String {
        guard let field = part.header.first(named: "Content-Transfer-Encoding") else { return "7BIT" }
        var bytes = IMAPEnvelope.trimmed(field.unfoldedBytes)
        if let paren = bytes.firstIndex(of: 0x28) { bytes = IMAPEnvelope.trimmed(Array(bytes[..<paren])) }
        guard !bytes.isEmpty else { return "7BIT" }
        return String(decoding: bytes, as: UTF8.self).uppercased()
    }

    static func fieldBytes(_ part: MIMEPart, _ name: String) -> [UInt8]? {
        part.header.first(named: name).map { IMAPEnvelope.trimmed($0.unfoldedBytes) }
    }

    static func extensionData(_ part: MIMEPart) -> IMAPBodyExtension {
        var ext = IMAPBodyExtension()
        if let disposition = part.contentDisposition, !disposition.type.isEmpty {
            ext.disposition = IMAPBodyDisposition(type: disposition.type.uppercased(), parameters: parameters(disposition.parameters))
        }
        if let field = part.header.first(named: "Content-Language") {
            let tags = languageTags(field.unfoldedBytes)
            ext.language = tags.isEmpty ? nil : tags
        }
        if let location = fieldBytes(part, "Content-Location") {
            // RFC 2557 §4.4.1: a folded URI is read with its white space removed.
            ext.location = location.filter { $0 != 0x20 && $0 != 0x09 }
        }
        return ext
    }

    /// Content-Language (RFC 3282): comma-separated tags, comments ignored.
    static func languageTags(_ value: [UInt8]) -> [String] {
        var cleaned: [UInt8] = []
        var depth = 0
        for b in value {
            if b == 0x28 { depth += 1; continue }
            if b == 0x29, depth > 0 { depth -= 1; continue }
            if depth == 0 { cleaned.append(b) }
        }
        return cleaned.split(separator: 0x2C).map { String(decoding: IMAPEnvelope.trimmed(Array($0)), as: UTF8.self) }.filter { !$0.isEmpty }
    }

    /// Parameters in source order. A value that came with RFC 2231 charset information is
    /// sent as `NAME*` = `utf-8'lang'%XX…`, which keeps it ASCII and lossless.
    static func parameters(_ parameters: MIMEParameters) -> [IMAPBodyParameter] {
        parameters.map { p -> IMAPBodyParameter in
            if let charset = p.charset, !charset.isEmpty {
                return IMAPBodyParameter(p.name.uppercased() + "*", "utf-8'" + (p.language ?? "") + "'" + percentEncoded(p.value))
            }
            return IMAPBodyParameter(p.name.uppercased(), p.value)
        }
    }

    /// RFC 2231 §7 `extended-other-values`: attribute-chars stay, the rest is %XX.
    static func percentEncoded(_ value: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in value.utf8 {
            let keep = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E || b == 0x21 || b == 0x23 || b == 0x24
                || b == 0x26 || b == 0x2B || b == 0x5E || b == 0x60 || b == 0x7C
            if keep {
                out.append(b)
            } else {
                out += [0x25, hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
