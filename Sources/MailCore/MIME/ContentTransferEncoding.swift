/// A Content-Transfer-Encoding mechanism (RFC 2045 §6.1).
public enum ContentTransferEncoding: Sendable, Hashable {
    case sevenBit, eightBit, binary, quotedPrintable, base64
    /// x-uuencode and friends (not in RFC 2045, still sent by old mailers).
    case uuencode
    /// Anything else, lower-cased; the body is then handed over undecoded.
    case other(String)

    /// Parses a field value case-insensitively, ignoring blanks and comments.
    public init(_ value: String) {
        var bytes = Array(value.utf8)
        if let paren = bytes.firstIndex(of: ASCIIByte.leftParen) { bytes = Array(bytes[..<paren]) }
        let name = String(decoding: ParameterListScanner.trimmed(bytes[...]), as: UTF8.self).asciiLowercased
        switch name {
        case "7bit": self = .sevenBit
        case "8bit": self = .eightBit
        case "binary": self = .binary
        case "quoted-printable": self = .quotedPrintable
        case "base64": self = .base64
        case "x-uuencode", "uuencode", "x-uue", "uue": self = .uuencode
        default: self = .other(name)
        }
    }

    /// The canonical lower-case name.
    public var name: String {
        switch self {
        case .sevenBit: return "7bit"
        case .eightBit: return "8bit"
        case .binary: return "binary"
        case .quotedPrintable: return "quoted-printable"
        case .base64: return "base64"
        case .uuencode: return "x-uuencode"
        case .other(let s): return s
        }
    }

    /// Undoes the encoding; identity encodings and unknown ones return the bytes as is.
    public func decode<C: Collection>(_ body: C) -> [UInt8] where C.Element == UInt8, C.Index == Int {
        switch self {
        case .base64: return Base64Codec.decode(body)
        case .quotedPrintable: return QuotedPrintableCodec.decode(body)
        case .uuencode: return UUDecoder.decode(body)
        default: return Array(body)
        }
    }
}
