/// dkim-quoted-printable (RFC 6376 §2.11), the encoding of `i=` and `z=`: `=XX` is an
/// octet, whitespace is folding and ignored, other characters stand for themselves.
enum DKIMQuotedPrintable {
    /// Nil when an `=` is not followed by two hex digits.
    static func decode(_ text: String) -> String? {
        let input = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let b = input[i]
            if Byte.isFWS(b) {
                i += 1
                continue
            }
            if b == Byte.equals {
                guard i + 2 < input.count, let high = Byte.hexValue(input[i + 1]), let low = Byte.hexValue(input[i + 2]) else {
                    return nil
                }
                out.append(high << 4 | low)
                i += 3
                continue
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Encodes an identity for `i=`: characters outside the safe set become `=XX`.
    static func encode(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            // dkim-safe-char = %x21-3A / %x3C / %x3E-7E (no ";", "=", space, controls).
            if (0x21...0x7E).contains(b), b != Byte.semicolon, b != Byte.equals {
                out.unicodeScalars.append(UnicodeScalar(b))
            } else {
                out += "=" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
