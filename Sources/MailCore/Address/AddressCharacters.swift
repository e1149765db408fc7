/// Character classes shared by the RFC 5321 and RFC 5322 address parsers, and the
/// helpers that describe offending input in error messages.
///
/// Error messages end up in SMTP replies, which must be ASCII, so everything here that
/// quotes user input renders non-ASCII and control characters as `U+XXXX`.
enum AddressCharacters {
    static let at: UInt8 = 0x40
    static let dot: UInt8 = 0x2E
    static let dquote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let hyphen: UInt8 = 0x2D
    static let lessThan: UInt8 = 0x3C
    static let greaterThan: UInt8 = 0x3E
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09

    /// RFC 5322 §3.2.3 `atext`, ASCII part (RFC 6531/6532 add every non-ASCII character).
    static func isASCIIAtext(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A:
            return true
        // ! # $ % & ' * + - / = ? ^ _ ` { | } ~
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2F,
             0x3D, 0x3F, 0x5E, 0x5F, 0x60, 0x7B, 0x7C, 0x7D, 0x7E:
            return true
        default:
            return false
        }
    }

    static func isLetterOrDigit(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return false
        }
    }

    static func isHexDigit(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x46, 0x61...0x66: return true
        default: return false
        }
    }

    /// C0, DEL and C1 controls (Unicode general category Cc): never allowed in addresses,
    /// even with SMTPUTF8.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// True when the UTF-8 sequence starting at `index` encodes a C1 control (U+0080…U+009F,
    /// encoded as C2 80…C2 9F).
    static func isC1Control(_ bytes: [UInt8], at index: Int) -> Bool {
        bytes[index] == 0xC2 && index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1])
    }

    /// The Unicode scalar whose UTF-8 encoding starts at `index`.
    static func scalar(in bytes: [UInt8], at index: Int) -> Unicode.Scalar {
        let end = min(index + 4, bytes.count)
        return String(decoding: bytes[index..<end], as: UTF8.self).unicodeScalars.first ?? "?"
    }

    /// "'x'", "a space", "control character U+0009", "character U+00E9".
    static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x20: return "a space"
        case 0x21...0x7E: return "character '\(Character(scalar))'"
        case 0..<0x20, 0x7F...0x9F: return "control character \(codePoint(scalar))"
        default: return "character \(codePoint(scalar))"
        }
    }

    static func describe(_ bytes: [UInt8], at index: Int) -> String {
        describe(scalar(in: bytes, at: index))
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Quotes user input for an error message: ASCII only, at most `limit` characters.
    static func quote(_ text: some StringProtocol, limit: Int = 64) -> String {
        var out = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                out += "..."
                break
            }
            if (0x20...0x7E).contains(scalar.value) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "<" + codePoint(scalar) + ">"
            }
            count += 1
        }
        return out + "\""
    }
}
