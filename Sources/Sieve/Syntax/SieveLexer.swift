/// Splits a Sieve script into tokens (RFC 5228 §2 and §8.1).
///
/// Works on UTF-8 bytes; columns count characters (continuation bytes are not counted).
/// Both CRLF and bare LF end a line, as scripts edited on Unix have bare LFs.
struct SieveLexer {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    /// All tokens, ending with `.end`.
    mutating func tokenize() throws(SieveCompileError) -> [SieveToken] {
        var tokens: [SieveToken] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var location: SieveSourceLocation { SieveSourceLocation(line: line, column: column) }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let i = index + offset
        return i < bytes.count ? bytes[i] : nil
    }

    private mutating func advance() {
        guard index < bytes.count else { return }
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    mutating func next() throws(SieveCompileError) -> SieveToken {
        try skipWhitespaceAndComments()
        let start = location
        guard let byte = peek() else { return SieveToken(kind: .end, location: start) }
        func single(_ kind: SieveToken.Kind) -> SieveToken {
            advance()
            return SieveToken(kind: kind, location: start)
        }
        switch byte {
        case UInt8(ascii: "["): return single(.leftBracket)
        case UInt8(ascii: "]"): return single(.rightBracket)
        case UInt8(ascii: "("): return single(.leftParen)
        case UInt8(ascii: ")"): return single(.rightParen)
        case UInt8(ascii: "{"): return single(.leftBrace)
        case UInt8(ascii: "}"): return single(.rightBrace)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: ";"): return single(.semicolon)
        case UInt8(ascii: "\""):
            return SieveToken(kind: .string(try quotedString()), location: start)
        case UInt8(ascii: ":"):
            advance()
            guard let first = peek(), Self.isIdentifierStart(first) else {
                throw SieveCompileError("expected a tag name after ':'", at: location)
            }
            return SieveToken(kind: .tag(identifier().lowercased()), location: start)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return SieveToken(kind: .number(try number(start)), location: start)
        default:
            if Self.isIdentifierStart(byte) {
                let name = identifier()
                if name.lowercased() == "text", peek() == UInt8(ascii: ":") {
                    advance()
                    return SieveToken(kind: .string(try multilineString(start)), location: start)
                }
                return SieveToken(kind: .identifier(name), location: start)
            }
            throw SieveCompileError("unexpected character '\(Self.describe(byte))'", at: start)
        }
    }

    // MARK: White space and comments

    private mutating func skipWhitespaceAndComments() throws(SieveCompileError) {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                advance()
            case UInt8(ascii: "#"):
                while let b = peek(), b != UInt8(ascii: "\n") { advance() }
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                let start = location
                advance(); advance()
                while true {
                    guard let b = peek() else {
                        throw SieveCompileError("unterminated comment", at: start)
                    }
                    if b == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                        advance(); advance()
                        break
                    }
                    advance()
                }
            default:
                return
            }
        }
    }

    // MARK: Atoms

    private static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || b == UInt8(ascii: "_")
    }

    private static func isIdentifierPart(_ b: UInt8) -> Bool {
        isIdentifierStart(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    private static func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
    }

    private mutating func identifier() -> String {
        let start = index
        while let b = peek(), Self.isIdentifierPart(b) { advance() }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// `1*DIGIT [QUANTIFIER]` (RFC 5228 §2.4.1): K, M and G multiply by powers of 1024.
    private mutating func number(_ start: SieveSourceLocation) throws(SieveCompileError) -> Int {
        var value = 0
        while let b = peek(), b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(b - UInt8(ascii: "0")))
            if o1 || o2 { throw SieveCompileError("number is too large", at: start) }
            value = sum
            advance()
        }
        if let q = peek() {
            let shift: Int
            switch q | 0x20 {
            case UInt8(ascii: "k"): shift = 10
            case UInt8(ascii: "m"): shift = 20
            case UInt8(ascii: "g"): shift = 30
            default: shift = 0
            }
            if shift > 0 {
                advance()
                let (scaled, overflow) = value.multipliedReportingOverflow(by: 1 << shift)
                if overflow { throw SieveCompileError("number is too large", at: start) }
                value = scaled
            }
        }
        if let b = peek(), Self.isIdentifierPart(b) {
            throw SieveCompileError("invalid character '\(Self.describe(b))' in number", at: location)
        }
        return value
    }

    // MARK: Strings

    /// A quoted string: `\\` and `\"` are escapes; any other escaped character stands for
    /// itself (RFC 5228 §2.4.2).
    private mutating func quotedString() throws(SieveCompileError) -> String {
        let start = location
        advance()
        var value: [UInt8] = []
        while true {
            guard let b = peek() else { throw SieveCompileError("unterminated string", at: start) }
            if b == UInt8(ascii: "\"") {
                advance()
                break
            }
            if b == 0 { throw SieveCompileError("NUL character in string", at: location) }
            if b == UInt8(ascii: "\\") {
                advance()
                guard let escaped = peek() else { throw SieveCompileError("unterminated string", at: start) }
                value.append(escaped)
                advance()
                continue
            }
            value.append(b)
            advance()
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// `text:` string (RFC 5228 §2.4.2): after `text:`, blanks and an optional hash
    /// comment up to the line end; then lines up to one holding a single dot. A leading
    /// ".." is unstuffed to ".". Line ends in the value are CRLF.
    private mutating func multilineString(_ start: SieveSourceLocation) throws(SieveCompileError) -> String {
        while let b = peek(), b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") { advance() }
        if peek() == UInt8(ascii: "#") {
            while let b = peek(), b != UInt8(ascii: "\n") { advance() }
        }
        if peek() == UInt8(ascii: "\r") { advance() }
        guard peek() == UInt8(ascii: "\n") else {
            throw SieveCompileError("expected a line break after 'text:'", at: location)
        }
        advance()
        var value: [UInt8] = []
        while true {
            guard peek() != nil else {
                throw SieveCompileError("unterminated multi-line string (missing line with a single '.')", at: start)
            }
            let lineStart = index
            while let b = peek(), b != UInt8(ascii: "\n") {
                if b == 0 { throw SieveCompileError("NUL character in string", at: location) }
                advance()
            }
            var lineEnd = index
            if lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            let content = bytes[lineStart..<lineEnd]
            let hasBreak = peek() == UInt8(ascii: "\n")
            advance()
            if content.count == 1, content.first == UInt8(ascii: ".") {
                guard hasBreak || peek() == nil else { continue }
                return String(decoding: value, as: UTF8.self)
            }
            var text = content
            if text.count >= 2, text.first == UInt8(ascii: "."), text[text.startIndex + 1] == UInt8(ascii: ".") {
                text = text.dropFirst()
            }
            value.append(contentsOf: text)
            if hasBreak {
                value.append(UInt8(ascii: "\r"))
                value.append(UInt8(ascii: "\n"))
            }
        }
    }
}
