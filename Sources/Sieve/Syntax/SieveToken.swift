/// One lexical token of RFC 5228 §8.1.
struct SieveToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        /// A tagged argument, without its colon (`:is` → "is"), lower-cased.
        case tag(String)
        case number(Int)
        /// A quoted or multi-line string, escapes and dot-stuffing already undone.
        case string(String)
        case leftBracket, rightBracket, leftParen, rightParen, leftBrace, rightBrace
        case comma, semicolon
        case end
    }

    var kind: Kind
    var location: SieveSourceLocation

    /// How the token reads in an error message.
    var quoted: String {
        switch kind {
        case .identifier(let name): return "identifier '\(name)'"
        case .tag(let name): return "tag ':\(name)'"
        case .number(let n): return "number \(n)"
        case .string: return "a string"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBrace: return "'{'"
        case .rightBrace: return "'}'"
        case .comma: return "','"
        case .semicolon: return "';'"
        case .end: return "the end of the script"
        }
    }
}
