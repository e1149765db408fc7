/// Cuts the text of a command into tokens, one line fragment at a time: a command with
/// literals arrives as text, literal, text, … and the reader feeds each piece in order.
/// Tokens are separated by spaces (RFC 5804 §4; runs of spaces are tolerated).
struct ManageSieveTokenizer: Sendable {
    private(set) var tokens: [ManageSieveToken] = []
    /// A token was just read: the next one must come after a space.
    private var needsSeparator = false
    let maxTokens: Int

    init(maxTokens: Int) {
        self.maxTokens = maxTokens
    }

    /// RFC 5804 §4: `quoted = DQUOTE *1024QUOTED-CHAR DQUOTE`.
    static let maxQuotedLength = 1024
    /// RFC 5804 §4: `atom = 1*1024ATOM-CHAR`.
    static let maxAtomLength = 1024

    /// A line fragment (without CRLF, and without the literal marker that may end it).
    mutating func add(_ text: ArraySlice<UInt8>) throws(ManageSieveSyntaxError) {
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == 0x20 {
                needsSeparator = false
                index += 1
                continue
            }
            guard !needsSeparator else { throw ManageSieveSyntaxError("expected a space between arguments") }
            if byte == 0x22 {
                let (value, end) = try Self.quoted(text, from: index)
                try append(.string(value))
                index = end
            } else if Self.isAtomChar(byte) {
                let end = text[index...].firstIndex { !Self.isAtomChar($0) } ?? text.endIndex
                guard end - index <= Self.maxAtomLength else { throw ManageSieveSyntaxError("atom too long") }
                try append(.atom(Array(text[index..<end])))
                index = end
            } else if byte == 0x7B {
                throw ManageSieveSyntaxError("a literal must end its line")
            } else {
                throw ManageSieveSyntaxError("unexpected character in command")
            }
        }
    }

    /// A literal's octets, announced by a marker at the end of the previous fragment.
    mutating func addLiteral(_ bytes: [UInt8]) throws(ManageSieveSyntaxError) {
        guard !needsSeparator else { throw ManageSieveSyntaxError("expected a space before a literal") }
        try append(.string(bytes))
    }

    private mutating func append(_ token: ManageSieveToken) throws(ManageSieveSyntaxError) {
        guard tokens.count < maxTokens else { throw ManageSieveSyntaxError("too many arguments") }
        tokens.append(token)
        needsSeparator = true
    }

    /// RFC 5804 §4: QUOTED-CHAR is any octet but NUL, CR, LF, `"` and `\`, or `\"` / `\\`.
    private static func quoted(_ text: ArraySlice<UInt8>, from start: Int) throws(ManageSieveSyntaxError) -> ([UInt8], Int) {
        var value: [UInt8] = []
        var index = start + 1
        while index < text.endIndex {
            let byte = text[index]
            switch byte {
            case 0x22:
                return (value, index + 1)
            case 0x5C:
                let nextIndex = index + 1
                guard nextIndex < text.endIndex, text[nextIndex] == 0x22 || text[nextIndex] == 0x5C else {
                    throw ManageSieveSyntaxError("invalid escape in quoted string")
                }
                value.append(text[nextIndex])
                index += 2
            case 0x00:
                throw ManageSieveSyntaxError("NUL in quoted string")
            default:
                value.append(byte)
                index += 1
            }
            guard value.count <= maxQuotedLength else {
                throw ManageSieveSyntaxError("quoted string longer than 1024 octets; send a literal")
            }
        }
        throw ManageSieveSyntaxError("unterminated quoted string")
    }

    /// RFC 5804 §4: ATOM-CHAR = "!" / %x23-27 / %x2A-5B / %x5D-7A / %x7C-7E.
    static func isAtomChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21, 0x23...0x27, 0x2A...0x5B, 0x5D...0x7A, 0x7C...0x7E: return true
        default: return false
        }
    }
}

/// The command's text does not follow RFC 5804 §4.
public struct ManageSieveSyntaxError: Error, Hashable, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
