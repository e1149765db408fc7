/// Reads the tokens of one server response (RFC 3501 §9) whose literals are inline after
/// their `{n}\r\n` announcement.
struct IMAPClientResponseCursor {
    let bytes: [UInt8]
    var position = 0
    var depth = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position >= bytes.count }
    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        position += 1
        return true
    }

    mutating func expect(_ byte: UInt8) throws(IMAPClientParseError) {
        guard skip(byte) else {
            throw IMAPClientParseError("expected '\(Character(Unicode.Scalar(byte)))' at \(position)")
        }
    }

    mutating func skipSpaces() {
        while peek() == 0x20 { position += 1 }
    }

    /// The rest of the line as text.
    mutating func rest() -> String {
        defer { position = bytes.count }
        return String(decoding: bytes[min(position, bytes.count)...], as: UTF8.self)
    }

    /// Bytes up to a space, `(`, `)`, `[` or `]` (servers are lax; so is this).
    mutating func atom(stoppingAtBracket: Bool = true) throws(IMAPClientParseError) -> String {
        let start = position
        while let b = peek(), b != 0x20, b != UInt8(ascii: "("), b != UInt8(ascii: ")"), b != 13, b != 10,
              !(stoppingAtBracket && (b == UInt8(ascii: "[") || b == UInt8(ascii: "]"))) {
            position += 1
        }
        guard position > start else { throw IMAPClientParseError("expected an atom at \(position)") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    mutating func number() throws(IMAPClientParseError) -> UInt64 {
        let start = position
        var value: UInt64 = 0
        while let b = peek(), b >= 48, b <= 57 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(b - 48))
            guard !o1, !o2 else { throw IMAPClientParseError("number too large") }
            value = s
            position += 1
        }
        guard position > start else { throw IMAPClientParseError("expected a number at \(position)") }
        return value
    }

    mutating func number32() throws(IMAPClientParseError) -> UInt32 {
        let value = try number()
        guard value <= UInt64(UInt32.max) else { throw IMAPClientParseError("number too large") }
        return UInt32(value)
    }

    /// `NIL`, a quoted string or a literal (also `~{n}` binary literals, RFC 3516).
    mutating func nstring() throws(IMAPClientParseError) -> [UInt8]? {
        switch peek() {
        case UInt8(ascii: "\""):
            return try quoted()
        case UInt8(ascii: "{"), UInt8(ascii: "~"):
            return try literal()
        default:
            let word = try atom()
            guard word.uppercased() == "NIL" else { throw IMAPClientParseError("expected a string, got \(word)") }
            return nil
        }
    }

    /// An astring: atom, quoted or literal (never NIL: a mailbox may be called "NIL").
    mutating func astring() throws(IMAPClientParseError) -> [UInt8] {
        switch peek() {
        case UInt8(ascii: "\""): return try quoted()
        case UInt8(ascii: "{"), UInt8(ascii: "~"): return try literal()
        default:
            let start = position
            while let b = peek(), b != 0x20, b != UInt8(ascii: "("), b != UInt8(ascii: ")") { position += 1 }
            guard position > start else { throw IMAPClientParseError("expected a string at \(position)") }
            return Array(bytes[start..<position])
        }
    }

    mutating func quoted() throws(IMAPClientParseError) -> [UInt8] {
        try expect(UInt8(ascii: "\""))
        var out: [UInt8] = []
        while let b = peek() {
            position += 1
            if b == UInt8(ascii: "\"") { return out }
            if b == UInt8(ascii: "\\"), let next = peek() {
                position += 1
                out.append(next)
            } else {
                out.append(b)
            }
        }
        throw IMAPClientParseError("unterminated quoted string")
    }

    mutating func literal() throws(IMAPClientParseError) -> [UInt8] {
        _ = skip(UInt8(ascii: "~"))
        try expect(UInt8(ascii: "{"))
        let count = try number()
        _ = skip(UInt8(ascii: "+"))
        try expect(UInt8(ascii: "}"))
        _ = skip(13)
        try expect(10)
        guard count <= UInt64(bytes.count - position) else { throw IMAPClientParseError("literal longer than the response") }
        let end = position + Int(count)
        defer { position = end }
        return Array(bytes[position..<end])
    }

    /// `(a b c)` of atoms (flags, capabilities, attributes).
    mutating func atomList() throws(IMAPClientParseError) -> [String] {
        try expect(UInt8(ascii: "("))
        var items: [String] = []
        while true {
            skipSpaces()
            if skip(UInt8(ascii: ")")) { return items }
            guard !isAtEnd else { throw IMAPClientParseError("unterminated list") }
            if peek() == UInt8(ascii: "\"") {
                items.append(String(decoding: try quoted(), as: UTF8.self))
            } else {
                items.append(try atom(stoppingAtBracket: false))
            }
        }
    }

    /// Skips any value: atom, number, string, literal, or a nested list.
    mutating func skipValue() throws(IMAPClientParseError) {
        switch peek() {
        case UInt8(ascii: "("):
            depth += 1
            guard depth < 100 else { throw IMAPClientParseError("nested too deeply") }
            position += 1
            while true {
                skipSpaces()
                if skip(UInt8(ascii: ")")) { break }
                guard !isAtEnd else { throw IMAPClientParseError("unterminated list") }
                try skipValue()
            }
            depth -= 1
        case UInt8(ascii: "\""): _ = try quoted()
        case UInt8(ascii: "{"), UInt8(ascii: "~"): _ = try literal()
        default:
            let start = position
            while let b = peek(), b != 0x20, b != UInt8(ascii: ")"), b != UInt8(ascii: "(") {
                if b == UInt8(ascii: "[") {
                    // BODY[...] style atoms carry their brackets.
                    while let c = peek(), c != UInt8(ascii: "]") { position += 1 }
                }
                position += 1
            }
            guard position > start else { throw IMAPClientParseError("expected a value at \(position)") }
        }
    }
}

/// A server response that does not follow the grammar.
public struct IMAPClientParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
