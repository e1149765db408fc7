/// Quoted-printable content-transfer-encoding (RFC 2045 §6.7) and the "Q" encoding of
/// encoded words (RFC 2047 §4.2).
public enum QuotedPrintableCodec {
    /// Decodes a quoted-printable body leniently, never failing.
    ///
    /// - `=XX` accepts lower-case hex (RFC 2045 §6.7 note 1 recommends it);
    /// - a `=` not followed by two hex digits or a line break is kept literally;
    /// - `=` followed by whitespace up to the line end is a soft line break (transport
    ///   may have added the whitespace, rule 3);
    /// - trailing whitespace on a hard line is removed (rule 3);
    /// - hard line breaks keep the bytes they had (LF or CRLF).
    public static func decode<C: Collection>(_ input: C) -> [UInt8] where C.Element == UInt8, C.Index == Int {
        var out = [UInt8]()
        out.reserveCapacity(input.count)
        var i = input.startIndex
        let end = input.endIndex
        // Position in `out` after the last byte that is not transport whitespace; the
        // whitespace after it is dropped if a line break follows.
        var keepUpTo = 0
        while i < end {
            let b = input[i]
            switch b {
            case ASCIIByte.equals:
                if i + 2 < end, let h = ASCIIByte.hexValue(input[i + 1]), let l = ASCIIByte.hexValue(input[i + 2]) {
                    out.append(h << 4 | l)
                    keepUpTo = out.count
                    i += 3
                    continue
                }
                // Soft line break: "=" then optional whitespace then CRLF/LF (or end).
                var j = i + 1
                while j < end, ASCIIByte.isWSP(input[j]) { j += 1 }
                if j == end {
                    i = j
                    continue
                }
                if input[j] == ASCIIByte.lf {
                    i = j + 1
                    continue
                }
                if input[j] == ASCIIByte.cr {
                    i = (j + 1 < end && input[j + 1] == ASCIIByte.lf) ? j + 2 : j + 1
                    continue
                }
                out.append(b)
                keepUpTo = out.count
                i += 1
            case ASCIIByte.cr, ASCIIByte.lf:
                out.removeSubrange(keepUpTo...)
                out.append(b)
                keepUpTo = out.count
                i += 1
            case ASCIIByte.space, ASCIIByte.tab:
                out.append(b)
                i += 1
            default:
                out.append(b)
                keepUpTo = out.count
                i += 1
            }
        }
        out.removeSubrange(keepUpTo...)
        return out
    }

    /// Decodes the "Q" encoding of an encoded word (RFC 2047 §4.2): `_` is a space,
    /// `=XX` a byte; anything malformed is kept literally.
    static func decodeEncodedWordText(_ input: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let b = input[i]
            if b == ASCIIByte.underscore {
                out.append(ASCIIByte.space)
            } else if b == ASCIIByte.equals, i + 2 < input.count,
                      let h = ASCIIByte.hexValue(input[i + 1]), let l = ASCIIByte.hexValue(input[i + 2]) {
                out.append(h << 4 | l)
                i += 3
                continue
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }

    /// Encodes text or binary content with CRLF hard line breaks and soft breaks that keep
    /// every line within 76 characters (RFC 2045 §6.7 rule 5). Line breaks in the input
    /// (CRLF, or a lone LF) become hard CRLF breaks; a lone CR is encoded.
    public static func encode<C: Collection>(_ input: C) -> [UInt8] where C.Element == UInt8 {
        let bytes = Array(input)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var line = [UInt8]()
        func softBreak() {
            out.append(contentsOf: line)
            out.append(contentsOf: [ASCIIByte.equals, ASCIIByte.cr, ASCIIByte.lf])
            line.removeAll(keepingCapacity: true)
        }
        func put(_ token: [UInt8]) {
            // 75 leaves room for the "=" of a soft break.
            if line.count + token.count > 75 { softBreak() }
            line.append(contentsOf: token)
        }
        func escaped(_ b: UInt8) -> [UInt8] {
            [ASCIIByte.equals, ASCIIByte.upperHexDigits[Int(b >> 4)], ASCIIByte.upperHexDigits[Int(b & 15)]]
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let atLineEnd = i + 1 == bytes.count || bytes[i + 1] == ASCIIByte.lf
                || (bytes[i + 1] == ASCIIByte.cr && i + 2 < bytes.count && bytes[i + 2] == ASCIIByte.lf)
            if b == ASCIIByte.lf || (b == ASCIIByte.cr && i + 1 < bytes.count && bytes[i + 1] == ASCIIByte.lf) {
                out.append(contentsOf: line)
                out.append(contentsOf: [ASCIIByte.cr, ASCIIByte.lf])
                line.removeAll(keepingCapacity: true)
                i += b == ASCIIByte.cr ? 2 : 1
                continue
            }
            switch b {
            case ASCIIByte.space, ASCIIByte.tab:
                // Rule 3: whitespace at the end of an encoded line must be protected.
                put(atLineEnd ? escaped(b) : [b])
            case 0x21...0x7E where b != ASCIIByte.equals:
                put([b])
            default:
                put(escaped(b))
            }
            i += 1
        }
        out.append(contentsOf: line)
        return out
    }
}
