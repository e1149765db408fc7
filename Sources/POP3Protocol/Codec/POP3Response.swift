/// One POP3 response: `+OK`/`-ERR` with optional response code and text, optionally followed
/// by the lines of a multi-line response (RFC 1939 §3), or a SASL continuation `+ data`
/// (RFC 5034 §4).
public struct POP3Response: Hashable, Sendable, CustomStringConvertible {
    public enum Status: Hashable, Sendable {
        case ok
        case err
        /// `+ ` followed by a base64 SASL challenge.
        case continuation
    }

    public var status: Status
    public var code: POP3ResponseCode?
    public var text: String
    /// The lines after the status line of a multi-line response, without CRLF and without
    /// dot-stuffing (the encoder adds it); nil for a single-line response.
    public var lines: [String]?

    public init(status: Status, code: POP3ResponseCode? = nil, text: String = "", lines: [String]? = nil) {
        self.status = status
        self.code = code
        self.text = text
        self.lines = lines
    }

    public static func ok(_ text: String = "", code: POP3ResponseCode? = nil, lines: [String]? = nil) -> POP3Response {
        POP3Response(status: .ok, code: code, text: text, lines: lines)
    }

    public static func err(_ text: String, code: POP3ResponseCode? = nil) -> POP3Response {
        POP3Response(status: .err, code: code, text: text)
    }

    public var isPositive: Bool { status != .err }

    /// RFC 2449 §4: a status line is at most 512 octets with its CRLF (capability lines too).
    public static let maxLineLength = 512

    /// The wire form. Text is reduced to printable ASCII and cut to the line limit, so that
    /// nothing (a CR or LF in a user name or UIDL, say) can break the framing.
    public var encoded: [UInt8] {
        var out: [UInt8] = []
        var first: [UInt8]
        switch status {
        case .ok: first = Array("+OK".utf8)
        case .err: first = Array("-ERR".utf8)
        case .continuation: first = Array("+".utf8)
        }
        var body = ""
        if let code { body = "[\(code.rawValue)]" }
        if !text.isEmpty { body += body.isEmpty ? text : " " + text }
        // RFC 5034 §4: `"+" SP [base64]`, the space even when the challenge is empty.
        if !body.isEmpty || status == .continuation { first.append(0x20) }
        first += Self.printable(body, limit: Self.maxLineLength - 2 - first.count)
        out += first
        out += [0x0D, 0x0A]
        if let lines {
            for line in lines {
                var bytes = Self.printable(line, limit: Self.maxLineLength - 2)
                // RFC 1939 §3: byte-stuff lines that start with the termination octet.
                if bytes.first == 0x2E {
                    bytes.insert(0x2E, at: 0)
                    if bytes.count > Self.maxLineLength - 2 { bytes.removeLast() }
                }
                out += bytes
                out += [0x0D, 0x0A]
            }
            out += [0x2E, 0x0D, 0x0A]
        }
        return out
    }

    /// The wire form as text, for logs and tests.
    public var description: String { String(decoding: encoded, as: UTF8.self) }

    private static func printable(_ text: String, limit: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            guard bytes.count < limit else { break }
            bytes.append((0x20...0x7E).contains(byte) ? byte : UInt8(ascii: "?"))
        }
        return bytes
    }
}
