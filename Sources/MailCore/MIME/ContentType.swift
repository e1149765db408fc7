/// A Content-Type field value (RFC 2045 §5.1): lower-cased type and subtype plus
/// parameters.
public struct ContentType: Sendable, Hashable {
    public let type: String
    public let subtype: String
    public let parameters: MIMEParameters

    public init(type: String, subtype: String, parameters: MIMEParameters = MIMEParameters()) {
        self.type = type.asciiLowercased
        self.subtype = subtype.asciiLowercased
        self.parameters = parameters
    }

    /// RFC 2045 §5.2: the type of a part without a (valid) Content-Type field.
    public static let textPlain = ContentType(type: "text", subtype: "plain")
    /// RFC 2046 §5.1.5: the default inside multipart/digest.
    public static let messageRFC822 = ContentType(type: "message", subtype: "rfc822")

    /// "type/subtype".
    public var mimeType: String { "\(type)/\(subtype)" }

    public var isMultipart: Bool { type == "multipart" }

    /// The charset parameter, lower-cased, or nil.
    public var charset: String? {
        guard let c = parameters["charset"]?.trimmingMailWhitespace, !c.isEmpty else { return nil }
        return c.asciiLowercased
    }

    /// The multipart boundary (RFC 2046 §5.1.1), without the trailing blanks that the
    /// grammar forbids. Nil when absent or empty.
    public var boundary: String? {
        guard var b = parameters["boundary"] else { return nil }
        while let last = b.last, last == " " || last == "\t" { b.removeLast() }
        return b.isEmpty ? nil : b
    }

    /// The boundary as it was written (a sender may have used 8-bit bytes), for
    /// matching delimiter lines byte for byte.
    var boundaryBytes: [UInt8]? {
        guard let parameter = parameters.parameter(named: "boundary") else { return nil }
        var bytes = parameter.plainBytes ?? Array(parameter.value.utf8)
        while let last = bytes.last, ASCIIByte.isWSP(last) { bytes.removeLast() }
        return bytes.isEmpty ? nil : bytes
    }

    /// The legacy `name` parameter with RFC 2047 words decoded.
    public var name: String? { parameters.parameter(named: "name")?.decodedText }

    /// Parses a field value. Returns nil when there is no `type/subtype` made of
    /// tokens; RFC 2045 §5.2 then recommends treating the part as text/plain.
    /// Comments are ignored, and a missing `;` before the first parameter is forgiven.
    public static func parse(_ value: String) -> ContentType? {
        parse(bytes: Array(value.utf8))
    }

    /// Parses raw field bytes (unfolded; 8-bit bytes allowed).
    public static func parse(bytes: [UInt8]) -> ContentType? {
        var i = 0
        func skipCFWS() {
            while i < bytes.count {
                if ASCIIByte.isWSP(bytes[i]) || bytes[i] == ASCIIByte.cr || bytes[i] == ASCIIByte.lf {
                    i += 1
                } else if bytes[i] == ASCIIByte.leftParen {
                    i = ParameterListScanner.skipComment(bytes, from: i)
                } else {
                    return
                }
            }
        }
        func token() -> String? {
            let start = i
            while i < bytes.count, MIMEToken.isTokenByte(bytes[i]) { i += 1 }
            return i > start ? String(decoding: bytes[start..<i], as: UTF8.self) : nil
        }
        skipCFWS()
        guard let type = token() else { return nil }
        skipCFWS()
        guard i < bytes.count, bytes[i] == 0x2F else { return nil }
        i += 1
        skipCFWS()
        guard let subtype = token() else { return nil }
        skipCFWS()
        if i < bytes.count, bytes[i] != ASCIIByte.semicolon {
            // "multipart/mixed boundary=x": accept only if a parameter follows.
            guard bytes[i...].contains(ASCIIByte.equals) else { return nil }
        }
        return ContentType(type: type, subtype: subtype, parameters: MIMEParameters.parse(bytes: Array(bytes[i...])))
    }
}

/// RFC 2045 §5.1 `token`: printable ASCII except SPACE and tspecials.
enum MIMEToken {
    static func isTokenByte(_ b: UInt8) -> Bool {
        guard b > 0x20, b < 0x7F else { return false }
        switch b {
        case 0x28, 0x29, 0x3C, 0x3E, 0x40, 0x2C, 0x3B, 0x3A, 0x5C, 0x22, 0x2F, 0x5B, 0x5D, 0x3F, 0x3D:
            return false
        default:
            return true
        }
    }
}
