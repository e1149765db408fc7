/// Renders header fields for messages we generate: CRLF line ends, folded at 78
/// characters where the value has white space (RFC 5322 §2.1.1, §2.2.3), non-ASCII
/// text as RFC 2047 UTF-8 encoded words.
enum HeaderFieldWriter {
    static let preferredLineLength = 78

    /// An unstructured field (Subject, Comments, X-…): the value is text, and any
    /// non-ASCII text is sent as encoded words.
    static func unstructured(_ name: String, _ value: String) -> [UInt8] {
        let clean = removingLineBreaks(value)
        if !needsEncoding(clean) {
            return folded(name, clean)
        }
        // Encoded words replace the whole value; the white space between them is
        // dropped by decoders (RFC 2047 §6.2), so the text comes back unchanged.
        let words = EncodedWordEncoder.encode(clean, firstWordLimit: preferredLineLength - name.utf8.count - 2)
        return Array("\(name): \(words.joined(separator: "\r\n "))\r\n".utf8)
    }

    /// A field whose value is already valid ASCII syntax (addresses, MIME fields, dates):
    /// folded at white space only.
    static func structured(_ name: String, _ value: String) -> [UInt8] {
        folded(name, removingLineBreaks(value))
    }

    /// Folds before white space so that lines stay within 78 characters when possible;
    /// removing the inserted CRLFs restores the value exactly.
    static func folded(_ name: String, _ value: String) -> [UInt8] {
        var out = Array("\(name):".utf8)
        var lineLength = out.count
        let bytes = Array(value.utf8)
        // Split into chunks that each start with their leading white space.
        var chunks: [ArraySlice<UInt8>] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            var j = i
            while j < bytes.count, ASCIIByte.isWSP(bytes[j]) { j += 1 }
            while j < bytes.count, !ASCIIByte.isWSP(bytes[j]) { j += 1 }
            chunks.append(bytes[start..<j])
            start = j
            i = j
        }
        var first = true
        for chunk in chunks {
            if first {
                // "Name: value" — the space after the colon is not part of the value.
                out.append(ASCIIByte.space)
                lineLength += 1
                first = false
            } else if lineLength + chunk.count > preferredLineLength, lineLength > name.utf8.count + 2,
                      let lead = chunk.first, ASCIIByte.isWSP(lead) {
                out.append(contentsOf: [ASCIIByte.cr, ASCIIByte.lf])
                lineLength = 0
            }
            out.append(contentsOf: chunk)
            lineLength += chunk.count
        }
        if chunks.isEmpty { out.append(ASCIIByte.space) }
        out.append(contentsOf: [ASCIIByte.cr, ASCIIByte.lf])
        return out
    }

    /// Header injection guard: a value never spans lines except where we fold it.
    static func removingLineBreaks(_ value: String) -> String {
        String(value.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }

    /// ASCII text that a reader would take for an encoded word must be encoded itself.
    private static func looksLikeEncodedWord(_ s: String) -> Bool {
        s.contains("=?") && s.contains("?=")
    }

    /// Whether plain text would not come back unchanged: non-ASCII or control
    /// characters, blanks at the ends (dropped after the colon), an encoded-word
    /// look-alike, or a run too long to fold under the 998 limit (RFC 5322 §2.1.1).
    private static func needsEncoding(_ s: String) -> Bool {
        if s.unicodeScalars.contains(where: { !$0.isASCII || ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }) { return true }
        if let first = s.utf8.first, ASCIIByte.isWSP(first) { return true }
        if let last = s.utf8.last, ASCIIByte.isWSP(last) { return true }
        if looksLikeEncodedWord(s) { return true }
        var run = 0
        for b in s.utf8 {
            run = ASCIIByte.isWSP(b) ? 0 : run + 1
            if run > 900 { return true }
        }
        return false
    }

    /// A display name for an address field: as is when it is a plain atom sequence,
    /// quoted when it has specials, encoded words (RFC 2047 §5 rule 3) when not ASCII.
    static func phrase(_ text: String) -> String {
        let clean = removingLineBreaks(text)
        if !clean.unicodeScalars.allSatisfy({ $0.isASCII }) || looksLikeEncodedWord(clean) {
            return EncodedWordEncoder.encode(clean).joined(separator: " ")
        }
        let atext = Set("!#$%&'*+-/=?^_`{|}~ ".utf8)
        if clean.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || atext.contains($0) }),
           !clean.isEmpty, clean.first != " ", clean.last != " " {
            return clean
        }
        var quoted = "\""
        for c in clean {
            if c == "\"" || c == "\\" { quoted.append("\\") }
            quoted.append(c)
        }
        return quoted + "\""
    }
}
