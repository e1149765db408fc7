/// Encoding of header text as RFC 2047 encoded words in UTF-8.
public enum EncodedWordEncoder {
    /// RFC 2047 §2: an encoded word is at most 75 characters long.
    public static let maximumWordLength = 75

    /// Characters that may stand for themselves in a Q-encoded word anywhere it is
    /// allowed, including phrases (RFC 2047 §5 rule 3).
    private static func isQSafe(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x21, 0x2A, 0x2B, 0x2D, 0x2F: return true
        default: return false
        }
    }

    /// Splits `text` into encoded words of at most 75 characters; the first word is also
    /// kept within `firstWordLimit` so that it fits after a field name. Words never
    /// split a character (RFC 2047 §5), and decoding them back with the whitespace that
    /// separates them removed yields `text` again. Q encoding is used when most of the
    /// text is ASCII, B otherwise.
    public static func encode(_ text: String, firstWordLimit: Int = maximumWordLength) -> [String] {
        let scalars = Array(text.unicodeScalars)
        let asciiCount = scalars.reduce(0) { $0 + ($1.isASCII ? 1 : 0) }
        let useQ = asciiCount * 4 >= scalars.count * 3
        let prefix = useQ ? "=?UTF-8?Q?" : "=?UTF-8?B?"
        let overhead = prefix.utf8.count + 2
        var words: [String] = []
        var pending: [UInt8] = []   // raw UTF-8 bytes of the current word
        var encodedLength = 0       // their encoded length
        func limit() -> Int { max(overhead + 12, words.isEmpty ? min(firstWordLimit, maximumWordLength) : maximumWordLength) - overhead }
        func encodedSize(_ bytes: [UInt8]) -> Int {
            if useQ { return bytes.reduce(0) { $0 + (isQSafe($1) || $1 == ASCIIByte.space ? 1 : 3) } }
            return (bytes.count + 2) / 3 * 4
        }
        func flush() {
            guard !pending.isEmpty else { return }
            var body = [UInt8]()
            if useQ {
                for b in pending {
                    if b == ASCIIByte.space {
                        body.append(ASCIIByte.underscore)
                    } else if isQSafe(b) {
                        body.append(b)
                    } else {
                        body.append(contentsOf: [ASCIIByte.equals, ASCIIByte.upperHexDigits[Int(b >> 4)], ASCIIByte.upperHexDigits[Int(b & 15)]])
                    }
                }
            } else {
                body = Base64Codec.encode(pending, lineLength: 0)
            }
            words.append(prefix + String(decoding: body, as: UTF8.self) + "?=")
            pending.removeAll()
            encodedLength = 0
        }
        for scalar in scalars {
            let bytes = Array(String(scalar).utf8)
            let candidate = useQ ? encodedLength + encodedSize(bytes) : encodedSize(pending + bytes)
            if candidate > limit(), !pending.isEmpty { flush() }
            pending.append(contentsOf: bytes)
            encodedLength = useQ ? encodedLength + encodedSize(bytes) : encodedSize(pending)
        }
        flush()
        return words
    }
}
