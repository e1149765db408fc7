/// One SMTP reply: a three-digit code, an optional RFC 3463 enhanced status code and one or
/// more text lines (RFC 5321 §4.2).
public struct SMTPReply: Hashable, Sendable, CustomStringConvertible {
    public var code: Int
    /// Repeated on every line (RFC 2034 §3). Nil for the greeting, the HELO/EHLO replies,
    /// 354 and the 334 SASL challenges, which carry none.
    public var enhancedCode: SMTPEnhancedStatusCode?
    /// Never empty; each line without CRLF.
    public var lines: [String]

    public init(code: Int, enhancedCode: SMTPEnhancedStatusCode? = nil, lines: [String]) {
        precondition((200...599).contains(code), "reply codes are three digits, 2xx to 5xx")
        self.code = code
        self.enhancedCode = enhancedCode
        self.lines = lines.isEmpty ? [""] : lines
    }

    public init(_ code: Int, _ enhancedCode: SMTPEnhancedStatusCode?, _ text: String) {
        self.init(code: code, enhancedCode: enhancedCode, lines: [text])
    }

    /// 2xx and 3xx.
    public var isPositive: Bool { code < 400 }
    /// 4xx: the client may try again later.
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5xx.
    public var isPermanentFailure: Bool { code >= 500 }

    /// The wire form: `250-first` … `250 last`, each line ending in CRLF.
    ///
    /// The last line always has a space after the code, even when its text is empty, because
    /// RFC 4954 §4 requires `"334" SP [base64]` for SASL challenges. Text is reduced to
    /// printable ASCII so that nothing (a CR or LF from a bad address, say) can break the
    /// framing and inject a reply.
    public var encoded: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 16 })
        let codeBytes = Array(String(code).utf8)
        let prefix = enhancedCode.map { Array("\($0) ".utf8) } ?? []
        for (index, line) in lines.enumerated() {
            out.append(contentsOf: codeBytes)
            out.append(index == lines.count - 1 ? UInt8(ascii: " ") : UInt8(ascii: "-"))
            out.append(contentsOf: prefix)
            for b in line.utf8 {
                out.append((0x20...0x7E).contains(b) ? b : UInt8(ascii: "?"))
            }
            out.append(contentsOf: [0x0D, 0x0A])
        }
        return out
    }

    /// The wire form as text, for logs and tests.
    public var description: String { String(decoding: encoded, as: UTF8.self) }
}
