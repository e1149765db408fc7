/// A Content-Disposition field value (RFC 2183).
public struct ContentDisposition: Sendable, Hashable {
    /// The disposition type lower-cased as written ("inline", "attachment", …); empty
    /// when the field has none.
    public let type: String
    public let parameters: MIMEParameters

    public init(type: String, parameters: MIMEParameters = MIMEParameters()) {
        self.type = type.asciiLowercased
        self.parameters = parameters
    }

    public enum Kind: String, Sendable {
        case inline, attachment
    }

    /// RFC 2183 §2.8: unrecognized disposition types are treated as attachment.
    /// Nil when the field names no type at all.
    public var kind: Kind? {
        if type.isEmpty { return nil }
        return type == "inline" ? .inline : .attachment
    }

    /// The filename parameter: RFC 2231 decoded, then RFC 2047 words decoded (which
    /// RFC 2047 §5 forbids in parameters but many senders use), trimmed.
    public var filename: String? { parameters.parameter(named: "filename")?.decodedText }

    public static func parse(_ value: String) -> ContentDisposition {
        parse(bytes: Array(value.utf8))
    }

    /// Parses raw field bytes (unfolded; 8-bit bytes allowed).
    public static func parse(bytes: [UInt8]) -> ContentDisposition {
        var i = 0
        while i < bytes.count, ASCIIByte.isWSP(bytes[i]) || bytes[i] == ASCIIByte.leftParen {
            i = bytes[i] == ASCIIByte.leftParen ? ParameterListScanner.skipComment(bytes, from: i) : i + 1
        }
        let start = i
        while i < bytes.count, MIMEToken.isTokenByte(bytes[i]) { i += 1 }
        let type = String(decoding: bytes[start..<i], as: UTF8.self)
        return ContentDisposition(type: type, parameters: MIMEParameters.parse(bytes: Array(bytes[i...])))
    }
}
