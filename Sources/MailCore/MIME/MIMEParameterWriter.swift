/// Renders `; name=value` MIME parameters: a token when possible, a quoted string for
/// other ASCII, and RFC 2231 `name*=utf-8''…` (with continuations) for non-ASCII.
enum MIMEParameterWriter {
    /// RFC 2231 §7 attribute-char: token characters except `*`, `'` and `%`.
    private static func isAttributeChar(_ b: UInt8) -> Bool {
        MIMEToken.isTokenByte(b) && b != 0x2A && b != 0x27 && b != 0x25
    }

    static func render(_ name: String, _ value: String) -> String {
        let bytes = Array(value.utf8)
        if !bytes.isEmpty, bytes.allSatisfy(MIMEToken.isTokenByte) {
            return "\(name)=\(value)"
        }
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            var quoted = "\""
            for c in value {
                if c == "\"" || c == "\\" { quoted.append("\\") }
                quoted.append(c)
            }
            return "\(name)=\(quoted)\""
        }
        // Non-ASCII: percent-encode UTF-8, split into continuations (RFC 2231 §3, §4.1)
        // short enough to fold.
        var segments: [String] = []
        var current = "utf-8''"
        for scalar in value.unicodeScalars {
            var piece = ""
            for b in String(scalar).utf8 {
                if isAttributeChar(b) {
                    piece.unicodeScalars.append(UnicodeScalar(b))
                } else {
                    piece += "%"
                    piece.unicodeScalars.append(UnicodeScalar(ASCIIByte.upperHexDigits[Int(b >> 4)]))
                    piece.unicodeScalars.append(UnicodeScalar(ASCIIByte.upperHexDigits[Int(b & 15)]))
                }
            }
            if current.utf8.count + piece.utf8.count > 60, !current.isEmpty, current != "utf-8''" {
                segments.append(current)
                current = ""
            }
            current += piece
        }
        segments.append(current)
        if segments.count == 1 { return "\(name)*=\(segments[0])" }
        return segments.enumerated().map { "\(name)*\($0.offset)*=\($0.element)" }.joined(separator: "; ")
    }
}
