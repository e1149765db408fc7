/// RFC 5228 §2.4.2.4 encoded characters: `${hex:41 42}` and `${unicode:1F600}` in strings,
/// decoded at compile time when the script requires "encoded-character".
enum EncodedCharacters {
    /// The string with every well-formed encoding decoded; malformed ones stay as written.
    /// A unicode value outside Unicode scalar ranges is an error.
    static func decode(_ text: String, at location: SieveSourceLocation) throws(SieveCompileError) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 4, bytes.contains(UInt8(ascii: "$")) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{"),
               let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: "}")) {
                let inner = Array(bytes[(i + 2)..<close])
                if let decoded = try decodeReference(inner, at: location) {
                    output.append(contentsOf: decoded)
                    i = close + 1
                    continue
                }
            }
            output.append(bytes[i])
            i += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func decodeReference(_ inner: [UInt8], at location: SieveSourceLocation) throws(SieveCompileError) -> [UInt8]? {
        guard let colon = inner.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let kind = String(decoding: inner[..<colon], as: UTF8.self).lowercased()
        let body = inner[(colon + 1)...]
        let words = body.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
        guard !words.isEmpty else { return nil }
        switch kind {
        case "hex":
            var out: [UInt8] = []
            // hex-pair = 1*2HEXDIG, pairs separated by blanks.
            for word in words {
                guard word.count <= 2 else { return nil }
                var value = 0
                for digit in word {
                    guard let v = hexValue(digit) else { return nil }
                    value = value << 4 | v
                }
                out.append(UInt8(value))
            }
            return out
        case "unicode":
            var out: [UInt8] = []
            for word in words {
                var value: UInt32 = 0
                for digit in word {
                    guard let v = hexValue(digit) else { return nil }
                    if value > 0x10FFFF { break }
                    value = value << 4 | UInt32(v)
                }
                guard let scalar = Unicode.Scalar(value) else {
                    throw SieveCompileError("invalid unicode character in encoded-character sequence", at: location)
                }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            return out
        default:
            return nil
        }
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }
}
