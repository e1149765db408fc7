/// IMAP's modified UTF-7 for mailbox names (RFC 3501 §5.1.3), also the form Maildir++
/// folder directories use on disk (as Dovecot writes them).
public enum ModifiedUTF7 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    public static func encode(_ text: String) -> String {
        var out: [UInt8] = []
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            var bytes: [UInt8] = []
            for unit in pending { bytes.append(UInt8(unit >> 8)); bytes.append(UInt8(unit & 0xFF)) }
            out.append(UInt8(ascii: "&"))
            var i = 0
            while i < bytes.count {
                let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
                let n = min(3, bytes.count - i)
                out.append(alphabet[Int(b0 >> 2)])
                out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
                if n > 1 { out.append(alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)]) }
                if n > 2 { out.append(alphabet[Int(b2 & 0x3F)]) }
                i += 3
            }
            out.append(UInt8(ascii: "-"))
            pending = []
        }
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value <= 0x7E {
                flush()
                out.append(UInt8(scalar.value))
                if scalar == "&" { out.append(UInt8(ascii: "-")) }
            } else {
                pending.append(contentsOf: String(scalar).utf16)
            }
        }
        flush()
        return String(decoding: out, as: UTF8.self)
    }

    public struct DecodingError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Strict decoding: refuses 8-bit octets, unterminated or empty-but-not-`&-` shifts,
    /// bad base64, leftover bits, ASCII inside a shift and unpaired surrogates.
    public static func decode(_ text: String) throws(DecodingError) -> String {
        var result = String.UnicodeScalarView()
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            guard byte >= 0x20 && byte <= 0x7E else {
                throw DecodingError(description: "octet \(byte) is not printable ASCII")
            }
            if byte != UInt8(ascii: "&") {
                result.append(Unicode.Scalar(byte))
                i += 1
                continue
            }
            guard let end = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: "-")) else {
                throw DecodingError(description: "unterminated &-shift")
            }
            let encoded = bytes[(i + 1)..<end]
            i = end + 1
            if encoded.isEmpty {
                result.append("&")
                continue
            }
            var bits: UInt32 = 0, bitCount = 0
            var units: [UInt16] = []
            var bytePair: [UInt8] = []
            for c in encoded {
                guard let value = alphabet.firstIndex(of: c) else {
                    throw DecodingError(description: "invalid character in modified base64")
                }
                bits = bits << 6 | UInt32(value)
                bitCount += 6
                if bitCount >= 8 {
                    bitCount -= 8
                    bytePair.append(UInt8((bits >> UInt32(bitCount)) & 0xFF))
                    if bytePair.count == 2 {
                        units.append(UInt16(bytePair[0]) << 8 | UInt16(bytePair[1]))
                        bytePair = []
                    }
                }
            }
            guard bytePair.isEmpty, bitCount < 6, bits & ((1 << UInt32(bitCount)) - 1) == 0 else {
                throw DecodingError(description: "modified base64 does not end on a character boundary")
            }
            var decoded = ""
            for scalar in Unicode.UTF16.decode(units) {
                guard let scalar else { throw DecodingError(description: "unpaired UTF-16 surrogate") }
                // RFC 3501 §5.1.3: printable ASCII must represent itself.
                guard !(scalar.value >= 0x20 && scalar.value <= 0x7E) else {
                    throw DecodingError(description: "printable ASCII inside a &-shift")
                }
                decoded.unicodeScalars.append(scalar)
            }
            result.append(contentsOf: decoded.unicodeScalars)
            // Two adjacent shifts must have been one (RFC 3501 §5.1.3).
            if i < bytes.count, bytes[i] == UInt8(ascii: "&"), i + 1 < bytes.count, bytes[i + 1] != UInt8(ascii: "-") {
                throw DecodingError(description: "adjacent &-shifts")
            }
        }
        return String(result)
    }
}

private extension Unicode.UTF16 {
    /// Decodes UTF-16 code units; nil elements for invalid sequences.
    static func decode(_ units: [UInt16]) -> [Unicode.Scalar?] {
        var iterator = units.makeIterator()
        var decoder = Unicode.UTF16()
        var scalars: [Unicode.Scalar?] = []
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: break loop
            case .error: scalars.append(nil)
            }
        }
        return scalars
    }
}
