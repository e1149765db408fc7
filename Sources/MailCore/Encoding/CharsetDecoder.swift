/// Turns bytes in a declared charset into a String. Decoding never fails: bytes that
/// are invalid in the charset become U+FFFD, and an unknown or missing charset is read
/// as UTF-8 (RFC 6532 made UTF-8 the natural default), also with U+FFFD for bad bytes.
public enum CharsetDecoder {
    public static func decode<C: Collection>(_ bytes: C, charset label: String?) -> String where C.Element == UInt8 {
        decode(bytes, charset: label.flatMap(Charset.init(label:)))
    }

    public static func decode<C: Collection>(_ bytes: C, charset: Charset?) -> String where C.Element == UInt8 {
        switch charset {
        case .latin1:
            return String(latin1: bytes)
        case .iconv(let names):
            if bytes.allSatisfy({ $0 < 0x80 }), !names.contains(where: isASCIIIncompatible) {
                return String(decoding: bytes, as: UTF8.self)
            }
            return decodeWithIconv(Array(bytes), names: names) ?? String(decoding: bytes, as: UTF8.self)
        case .ascii, .utf8, nil:
            // A US-ASCII label on 8-bit data is a mislabel; UTF-8 is the best guess and
            // still yields U+FFFD for bytes that are not UTF-8.
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Encodings where ASCII bytes do not stand for ASCII characters, or where 7-bit
    /// escape sequences change the meaning of what follows.
    private static func isASCIIIncompatible(_ name: String) -> Bool {
        name.hasPrefix("UTF-16") || name.hasPrefix("UTF-32") || name.hasPrefix("UTF-7")
            || name.hasPrefix("ISO-2022") || name.hasPrefix("HZ")
    }

    private static func decodeWithIconv(_ bytes: [UInt8], names: [String]) -> String? {
        var best: (utf8: [UInt8], errors: Int)?
        bytes.withUnsafeBytes { raw in
            for name in names {
                guard let attempt = IconvConverter.convertToUTF8(raw, from: name) else { continue }
                if best == nil || attempt.errors < best!.errors { best = attempt }
                if attempt.errors == 0 { break }
            }
        }
        return best.map { String(decoding: $0.utf8, as: UTF8.self) }
    }
}
