/// A command a client sends (RFC 3501 §6), as text pieces and literals.
///
/// A literal without LITERAL+ (RFC 7888) needs the server's `+` continuation before its
/// bytes: `segments(literalPlus:)` cuts the command where the client must wait.
public struct IMAPClientCommand: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case text([UInt8])
        case literal([UInt8])
    }

    public let tag: String
    public private(set) var parts: [Part]

    /// `name` is the command word(s), e.g. "UID FETCH".
    public init(tag: String, _ name: String) {
        self.tag = tag
        self.parts = [.text(Array("\(tag) \(name)".utf8))]
    }

    /// Appends ` ` and an atom or other pre-formatted syntax (sequence sets, lists, numbers).
    public mutating func raw(_ text: String) {
        parts.append(.text(Array(" \(text)".utf8)))
    }

    /// Appends ` ` and an astring: atom when possible, quoted when safe, literal otherwise.
    public mutating func string(_ value: String) {
        string(Array(value.utf8))
    }

    public mutating func string(_ bytes: [UInt8]) {
        parts.append(.text([IMAPCharacterClass.space]))
        switch IMAPClientCommand.form(of: bytes) {
        case .atom: parts.append(.text(bytes))
        case .quoted: parts.append(.text(IMAPClientCommand.quoted(bytes)))
        case .literal: parts.append(.literal(bytes))
        }
    }

    /// A mailbox name: INBOX in any case is sent as is, everything else as an astring of
    /// the (already modified-UTF-7 encoded) name.
    public mutating func mailbox(_ encodedName: String) {
        string(encodedName)
    }

    enum Form { case atom, quoted, literal }

    /// RFC 3501 §9: ASTRING-CHAR is ATOM-CHAR or "]"; quoted strings cannot hold CR, LF,
    /// NUL or 8-bit bytes (without UTF8=ACCEPT).
    static func form(of bytes: [UInt8]) -> Form {
        if bytes.isEmpty { return .quoted }
        var atom = true
        for byte in bytes {
            if byte == 0 || byte == 10 || byte == 13 || byte >= 0x80 { return .literal }
            if !(IMAPCharacterClass.isAtomChar(byte) || byte == UInt8(ascii: "]")) { atom = false }
        }
        if bytes.count > 1000 { return .literal }
        return atom ? .atom : .quoted
    }

    static func quoted(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(bytes.count + 2)
        for byte in bytes {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    /// The bytes to write, split where the client must wait for a `+` continuation. With
    /// `literalPlus` (RFC 7888 `{n+}`) there is a single segment. Every segment but the last
    /// ends with a literal's announcement `{n}\r\n`; the last ends with CRLF.
    public func segments(literalPlus: Bool) -> [[UInt8]] {
        var segments: [[UInt8]] = []
        var current: [UInt8] = []
        for part in parts {
            switch part {
            case let .text(bytes):
                current.append(contentsOf: bytes)
            case let .literal(bytes):
                current.append(contentsOf: Array("{\(bytes.count)\(literalPlus ? "+" : "")}\r\n".utf8))
                if !literalPlus {
                    segments.append(current)
                    current = []
                }
                current.append(contentsOf: bytes)
            }
        }
        current.append(contentsOf: [13, 10])
        segments.append(current)
        return segments
    }
}
