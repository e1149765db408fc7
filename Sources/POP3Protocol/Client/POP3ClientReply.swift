/// A reply as the client reads it: the status line and, for a multi-line reply, its data
/// with the dot-stuffing removed and every line ended by CRLF (the message octets as the
/// server stored them, RFC 1939 §3).
public struct POP3ClientReply: Sendable, Hashable {
    public var status: POP3Response.Status
    /// RFC 2449 §8: the bracketed code at the start of the text, when present.
    public var code: POP3ResponseCode?
    public var text: String
    /// The data of a multi-line reply; nil for a single-line one.
    public var data: [UInt8]?

    public init(status: POP3Response.Status, code: POP3ResponseCode? = nil, text: String = "", data: [UInt8]? = nil) {
        self.status = status
        self.code = code
        self.text = text
        self.data = data
    }

    public var isOK: Bool { status == .ok }

    /// The data split into lines without their CRLF (CAPA, LIST, UIDL listings).
    public var lines: [String] {
        guard let data else { return [] }
        var result: [String] = []
        var start = 0
        var index = 0
        while index < data.count {
            if data[index] == 0x0A {
                var end = index
                if end > start, data[end - 1] == 0x0D { end -= 1 }
                result.append(String(decoding: data[start..<end], as: UTF8.self))
                start = index + 1
            }
            index += 1
        }
        if start < data.count { result.append(String(decoding: data[start...], as: UTF8.self)) }
        return result
    }

    /// Parses a status line (without its line end).
    static func status(line: [UInt8]) -> POP3ClientReply? {
        let text = String(decoding: line, as: UTF8.self)
        let status: POP3Response.Status
        var rest: Substring
        if text.hasPrefix("+OK") {
            status = .ok
            rest = text.dropFirst(3)
        } else if text.hasPrefix("-ERR") {
            status = .err
            rest = text.dropFirst(4)
        } else if text.hasPrefix("+") {
            status = .continuation
            rest = text.dropFirst(1)
        } else {
            return nil
        }
        if rest.first == " " { rest = rest.dropFirst() }
        var code: POP3ResponseCode?
        // RFC 2449 §8: "[" resp-code "]" right after the status indicator.
        if status != .continuation, rest.first == "[", let close = rest.firstIndex(of: "]") {
            code = POP3ResponseCode(rawValue: String(rest[rest.index(after: rest.startIndex)..<close]))
            rest = rest[rest.index(after: close)...]
            if rest.first == " " { rest = rest.dropFirst() }
        }
        return POP3ClientReply(status: status, code: code, text: String(rest))
    }
}
