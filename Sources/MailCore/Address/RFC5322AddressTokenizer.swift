/// Splits an address header value into RFC 5322 §3.2 lexical tokens in one pass.
///
/// Comments and folding white space vanish (a token only remembers whether white space or
/// a comment preceded it, to rebuild display names). Comments nest to any depth with a
/// counter, not recursion; unterminated comments, quoted strings and domain literals end
/// at the end of input. Never fails, linear time.
struct RFC5322AddressToken: Sendable {
    enum Kind: Sendable, Equatable {
        case atom            // 1*atext, UTF-8 included (RFC 6532 §3.2)
        case quotedString    // text holds the content, quoted-pairs resolved, unfolded
        case domainLiteral   // text holds "[…]" with white space removed
        case dot, at, comma, colon, semicolon, lessThan, greaterThan
        case other           // a stray special such as "\" "]" ")"
    }

    var kind: Kind
    var text: String
    var spaceBefore: Bool
}

enum RFC5322AddressTokenizer {
    private typealias C = AddressCharacters

    static func tokenize(_ value: String) -> [RFC5322AddressToken] {
        let bytes = Array(value.utf8)
        var tokens: [RFC5322AddressToken] = []
        var index = 0
        var space = false

        func add(_ kind: RFC5322AddressToken.Kind, _ text: String) {
            tokens.append(RFC5322AddressToken(kind: kind, text: text, spaceBefore: space))
            space = false
        }

        while index < bytes.count {
            let b = bytes[index]
            switch b {
            case C.space, C.tab, 0x0D, 0x0A:
                space = true
                index += 1
            case UInt8(ascii: "("):
                index = skipComment(bytes, from: index)
                space = true
            case C.dquote:
                let (content, next) = readQuoted(bytes, from: index + 1, closing: C.dquote, keepSpace: true)
                add(.quotedString, content)
                index = next
            case C.openBracket:
                let (content, next) = readQuoted(bytes, from: index + 1, closing: C.closeBracket, keepSpace: false)
                add(.domainLiteral, "[" + content + "]")
                index = next
            case C.dot: add(.dot, "."); index += 1
            case C.at: add(.at, "@"); index += 1
            case UInt8(ascii: ","): add(.comma, ","); index += 1
            case UInt8(ascii: ":"): add(.colon, ":"); index += 1
            case UInt8(ascii: ";"): add(.semicolon, ";"); index += 1
            case C.lessThan: add(.lessThan, "<"); index += 1
            case C.greaterThan: add(.greaterThan, ">"); index += 1
            case C.backslash, C.closeBracket, UInt8(ascii: ")"):
                add(.other, String(UnicodeScalar(b)))
                index += 1
            default:
                if b >= 0x80 || C.isASCIIAtext(b) {
                    let start = index
                    while index < bytes.count, bytes[index] >= 0x80 || C.isASCIIAtext(bytes[index]) { index += 1 }
                    add(.atom, String(decoding: bytes[start..<index], as: UTF8.self))
                } else {
                    // Other controls (NUL, BEL…): treated as white space.
                    space = true
                    index += 1
                }
            }
        }
        return tokens
    }

    /// Skips a comment starting at `start` ("("), nested to any depth; returns the index
    /// after the matching ")" or the end of input.
    private static func skipComment(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return index + 1 }
            case C.backslash: index += 1  // quoted-pair: the next octet is literal
            default: break
            }
            index += 1
        }
        return bytes.count
    }

    /// Reads a quoted string or domain literal body up to `closing`, resolving quoted-pairs
    /// and removing CR/LF (unfolding). Returns the content and the index after `closing`.
    private static func readQuoted(
        _ bytes: [UInt8], from start: Int, closing: UInt8, keepSpace: Bool
    ) -> (String, Int) {
        var content: [UInt8] = []
        var index = start
        while index < bytes.count {
            let b = bytes[index]
            if b == closing { return (String(decoding: content, as: UTF8.self), index + 1) }
            if b == C.backslash, index + 1 < bytes.count {
                let escaped = bytes[index + 1]
                if escaped != 0x0D && escaped != 0x0A { content.append(escaped) }
                index += 2
                continue
            }
            switch b {
            case 0x0D, 0x0A: break
            case C.space, C.tab: if keepSpace { content.append(b) }
            default: content.append(b)
            }
            index += 1
        }
        return (String(decoding: content, as: UTF8.self), bytes.count)
    }
}
