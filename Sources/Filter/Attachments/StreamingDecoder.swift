import MailCore

/// Decodes a part's body line by line as it streams past (RFC 2045 §6.7 quoted-printable,
/// §6.8 base64), so a 40 MB attachment is never held encoded and decoded at once.
struct StreamingDecoder {
    enum Encoding { case identity, base64, quotedPrintable }

    let encoding: Encoding
    /// Base64: the 6-bit values of the quantum so far (0xFF for a pad), and how many.
    private var quad: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    private var quadCount = 0

    init(_ transferEncoding: String?) {
        switch transferEncoding?.lowercased().trimmingCharacters(in: .whitespaces) {
        case "base64": encoding = .base64
        case "quoted-printable": encoding = .quotedPrintable
        default: encoding = .identity
        }
    }

    /// Decodes one body line (with its line end) and appends the octets it stands for
    /// to `out`.
    mutating func decode(line: ArraySlice<UInt8>, hasLineEnd: Bool, into out: inout [UInt8]) {
        switch encoding {
        case .identity:
            out.append(contentsOf: line)
        case .base64:
            for byte in line {
                guard let value = Self.base64Value(byte) else { continue }
                let sixBits = byte == UInt8(ascii: "=") ? 0xFF : value
                switch quadCount {
                case 0: quad.0 = sixBits
                case 1: quad.1 = sixBits
                case 2: quad.2 = sixBits
                default: quad.3 = sixBits
                }
                quadCount += 1
                guard quadCount == 4 else { continue }
                let (a, b, c, d) = quad
                if a != 0xFF && b != 0xFF { out.append(a << 2 | b >> 4) }
                if b != 0xFF && c != 0xFF { out.append(b << 4 | c >> 2) }
                if c != 0xFF && d != 0xFF { out.append(c << 6 | d) }
                quadCount = 0
            }
        case .quotedPrintable:
            var content = line
            while let last = content.last, last == 0x0A || last == 0x0D { content.removeLast() }
            while let last = content.last, last == 0x20 || last == 0x09 { content.removeLast() }
            if content.last == UInt8(ascii: "=") {
                content.removeLast()
                out.append(contentsOf: QuotedPrintableCodec.decode(Array(content)))
                return
            }
            out.append(contentsOf: QuotedPrintableCodec.decode(Array(content)))
            if hasLineEnd { out.append(contentsOf: [0x0D, 0x0A]) }
        }
    }

    /// 6-bit value of a base64 character, 0 for the pad, nil for anything else (skipped).
    static func base64Value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        case UInt8(ascii: "="): return 0
        default: return nil
        }
    }
}
