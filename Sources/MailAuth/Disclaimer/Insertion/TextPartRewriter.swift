import Foundation
import MailCore

/// Computes the edits that add a disclaimer to one text/plain, text/html or text/enriched part: the
/// body decoded from its transfer encoding, extended in its charset (or converted to
/// UTF-8 when that charset cannot hold the text), encoded again, and the part's
/// Content-Type / Content-Transfer-Encoding fields updated when they change.
struct TextPartRewriter {
    let part: MIMEPart
    /// The message's line break (CRLF, or LF for a message stored with bare LFs).
    let newline: [UInt8]

    /// RFC 5322 §2.1.1: lines of 7bit and 8bit bodies stay within 998 octets.
    static let maximumLineLength = 998

    func edits(for disclaimer: Disclaimer) -> Result<[ByteEdit], DisclaimerSkipReason> {
        let encoding = part.transferEncoding ?? .sevenBit
        switch encoding {
        case .sevenBit, .eightBit, .binary, .quotedPrintable, .base64: break
        default: return .failure(.unsupportedTransferEncoding(encoding.name))
        }
        let isHTML = part.mimeType == "text/html"
        let addition: String
        switch part.mimeType {
        case "text/html": addition = "<div class=\"disclaimer\">\n\(disclaimer.html)\n</div>\n"
        case "text/enriched": addition = Self.enriched(disclaimer.plainText)
        default: addition = disclaimer.plainText
        }

        // Charset: add in place when the charset can hold the text, else go to UTF-8.
        let charset = PartCharset(label: part.charset)
        var body = part.decodedBody()
        var relabel = false
        var additionBytes: [UInt8]
        if let encoded = charset.encode(addition) {
            additionBytes = encoded
        } else {
            guard charset.isKnown else { return .failure(.unsupportedCharset(charset.label ?? "")) }
            body = charset.utf8Body(body)
            additionBytes = Array(addition.utf8)
            relabel = true
        }

        // Line breaks: those of the text itself, else those of the message.
        let textNewline = body.contains(Byte.lf) ? LineEndings.style(of: body) : newline
        additionBytes = Self.replacingLF(in: additionBytes, with: textNewline)
        let newBody = isHTML
            ? Self.insertingHTML(additionBytes, into: body, newline: textNewline)
            : Self.appendingText(additionBytes, to: body, newline: textNewline)

        // Transfer encoding: keep it unless 7bit/8bit can no longer carry the body.
        var newEncoding = encoding
        let encodedBody: [UInt8]
        switch encoding {
        case .sevenBit where newBody.contains(where: { $0 >= 0x80 }) || Self.hasLongLine(newBody),
             .eightBit where Self.hasLongLine(newBody):
            newEncoding = .quotedPrintable
            encodedBody = LineEndings.converting(QuotedPrintableCodec.encode(newBody), to: newline)
        case .quotedPrintable:
            encodedBody = LineEndings.converting(QuotedPrintableCodec.encode(newBody), to: newline)
        case .base64:
            // The line break that may end the encoded text is not part of the data.
            let raw = part.bodyBytes
            let trailing = raw.last == Byte.lf || raw.last == Byte.cr ? newline : []
            encodedBody = LineEndings.converting(Base64Codec.encode(newBody), to: newline) + trailing
        default:
            encodedBody = newBody
        }

        // Header edits first: at equal offsets, earlier edits end up in front.
        var edits = headerEdits(relabel: relabel, newEncoding: newEncoding == encoding ? nil : newEncoding)
        let fieldsEndAtBody = edits.contains { $0.range.isEmpty && $0.range.lowerBound == part.bodyRange.lowerBound }
        edits.append(ByteEdit(range: part.bodyRange,
                              replacement: separatorBeforeEmptyBody(afterAddedFields: fieldsEndAtBody) + encodedBody))
        return .success(edits)
    }

    // MARK: Header

    /// A part whose header runs to the end of the input has no blank line before its
    /// (empty) body; the new body needs one.
    private func separatorBeforeEmptyBody(afterAddedFields: Bool) -> [UInt8] {
        guard part.bodyRange.isEmpty else { return [] }
        let header = Array(part.source[part.headerRange])
        guard !header.isEmpty else { return [] }
        // Added fields end with a line break: only the blank line is missing.
        if afterAddedFields { return newline }
        let n = header.count
        let endsWithBlankLine = (n >= 2 && header[n - 1] == Byte.lf && (header[n - 2] == Byte.lf
            || (n >= 3 && header[n - 2] == Byte.cr && header[n - 3] == Byte.lf)))
        if endsWithBlankLine { return [] }
        return header[n - 1] == Byte.lf ? newline : newline + newline
    }

    private func headerEdits(relabel: Bool, newEncoding: ContentTransferEncoding?) -> [ByteEdit] {
        guard relabel || newEncoding != nil else { return [] }
        var edits: [ByteEdit] = []
        var added: [UInt8] = []
        if relabel {
            let field = MIMEFieldWriter.contentType(part.contentType, charset: "utf-8", newline: newline)
            if let existing = part.header.first(named: "Content-Type") {
                edits.append(ByteEdit(range: existing.range, replacement: withLineBreak(field, replacing: existing)))
            } else {
                added += field
            }
        }
        if let newEncoding {
            let field = MIMEFieldWriter.transferEncoding(newEncoding, newline: newline)
            if let existing = part.header.first(named: "Content-Transfer-Encoding") {
                edits.append(ByteEdit(range: existing.range, replacement: withLineBreak(field, replacing: existing)))
            } else {
                added += field
            }
        }
        // A message that gains MIME fields must say it is MIME (RFC 2045 §4).
        if part.isMessage, !added.isEmpty, part.header.first(named: "MIME-Version") == nil {
            added = MIMEFieldWriter.mimeVersion(newline: newline) + added
        }
        if !added.isEmpty {
            let position = part.header.fields.last?.range.upperBound ?? part.headerRange.lowerBound
            if position > 0, part.source[position - 1] != Byte.lf, part.source[position - 1] != Byte.cr {
                added = newline + added
            }
            edits.append(ByteEdit(range: position..<position, replacement: added))
        }
        return edits
    }

    /// A replacement field ends with a line break only if the field it replaces did
    /// (the last field of a part may lose its break to a multipart delimiter).
    private func withLineBreak(_ field: [UInt8], replacing existing: HeaderField) -> [UInt8] {
        let last = existing.range.upperBound > existing.range.lowerBound ? part.source[existing.range.upperBound - 1] : 0
        if last == Byte.lf || last == Byte.cr { return field }
        var trimmed = field
        while let b = trimmed.last, b == Byte.lf || b == Byte.cr { trimmed.removeLast() }
        return trimmed
    }

    // MARK: Body

    /// The text after the body, separated by an empty line; the body's final line
    /// break, if it had one, stays last.
    static func appendingText(_ text: [UInt8], to body: [UInt8], newline: [UInt8]) -> [UInt8] {
        var out = body
        let endsWithBreak = body.last == Byte.lf || body.last == Byte.cr
        if !out.isEmpty {
            if !endsWithBreak { out += newline }
            out += newline
        }
        out += text
        if endsWithBreak { out += newline }
        return out
    }

    /// The fragment before the last `</body>`, else before `</html>`, else at the end.
    static func insertingHTML(_ fragment: [UInt8], into body: [UInt8], newline: [UInt8]) -> [UInt8] {
        let position = body.lastIndex(ofCaseInsensitive: Array("</body".utf8))
            ?? body.lastIndex(ofCaseInsensitive: Array("</html".utf8))
            ?? body.count
        var insertion = fragment
        if position > 0, body[position - 1] != Byte.lf, body[position - 1] != Byte.cr {
            insertion = newline + insertion
        }
        var out = body
        out.insert(contentsOf: insertion, at: position)
        return out
    }

    /// Plain text as text/enriched (RFC 1896 §2): `<` is written `<<`, and a line break
    /// takes two newlines (a single one is a space). The leading newline completes the
    /// blank line that separates the disclaimer from the body.
    static func enriched(_ text: String) -> String {
        "\n" + text.replacingOccurrences(of: "<", with: "<<").replacingOccurrences(of: "\n", with: "\n\n")
    }

    static func replacingLF(in bytes: [UInt8], with newline: [UInt8]) -> [UInt8] {
        guard newline != [Byte.lf] else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        for b in bytes {
            if b == Byte.lf { out += newline } else { out.append(b) }
        }
        return out
    }

    static func hasLongLine(_ bytes: [UInt8]) -> Bool {
        var length = 0
        for b in bytes {
            if b == Byte.lf || b == Byte.cr {
                length = 0
            } else {
                length += 1
                if length > maximumLineLength { return true }
            }
        }
        return false
    }
}
