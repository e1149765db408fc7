import MailCore

/// Writes the MIME fields a rewritten text part needs (RFC 2045 §5.1, §6.1).
enum MIMEFieldWriter {
    /// `Content-Type: type/subtype; …` with `charset` set to `charset` and the other
    /// parameters kept, folded one parameter per line when long.
    static func contentType(_ type: ContentType, charset: String, newline: [UInt8]) -> [UInt8] {
        var parameters = ["charset=\(charset)"]
        for parameter in type.parameters where parameter.name != "charset" {
            parameters.append(render(parameter))
        }
        let head = "Content-Type: \(type.mimeType)"
        let oneLine = ([head] + parameters).joined(separator: "; ")
        let text = oneLine.utf8.count <= 78 ? oneLine : ([head] + parameters).joined(separator: ";\r\n\t")
        return LineEndings.converting(Array((text + "\r\n").utf8), to: newline)
    }

    static func transferEncoding(_ encoding: ContentTransferEncoding, newline: [UInt8]) -> [UInt8] {
        Array("Content-Transfer-Encoding: \(encoding.name)".utf8) + newline
    }

    static func mimeVersion(newline: [UInt8]) -> [UInt8] {
        Array("MIME-Version: 1.0".utf8) + newline
    }

    /// A token when possible, else a quoted string; non-ASCII values as RFC 2231
    /// `name*=utf-8''…`.
    private static func render(_ parameter: MIMEParameter) -> String {
        let bytes = Array(parameter.value.utf8)
        if !bytes.isEmpty, bytes.allSatisfy(isTokenByte) { return "\(parameter.name)=\(parameter.value)" }
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            var quoted = ""
            for c in parameter.value {
                if c == "\"" || c == "\\" { quoted.append("\\") }
                quoted.append(c)
            }
            return "\(parameter.name)=\"\(quoted)\""
        }
        var encoded = ""
        for b in bytes {
            if isTokenByte(b), b != 0x2A, b != 0x27, b != 0x25 {
                encoded.unicodeScalars.append(UnicodeScalar(b))
            } else {
                encoded += "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return "\(parameter.name)*=utf-8''\(encoded)"
    }

    private static func isTokenByte(_ b: UInt8) -> Bool {
        guard b > 0x20, b < 0x7F else { return false }
        return !"()<>@,;:\\\"/[]?=".utf8.contains(b)
    }
}
