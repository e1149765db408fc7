/// What draft-ietf-sieve-regex-01 §6 leaves out of the POSIX EREs that glibc's regcomp
/// would still accept: "Any regular expression not defined by [IEEE.1003-2.1992], as well
/// as [IEEE.1003-2.1992] basic regular expressions, word boundaries and backreferences are
/// not supported by this extension. Implementations SHOULD reject regular expressions that
/// are unsupported by this specification as a syntax error."
///
/// Outside bracket expressions a backslash may only quote a character that is not a
/// letter or digit (`\.`, `\*`, `\\`…): `\1` (back-reference), `\b`, `\<`, `\w`, `\s`…
/// (GNU extensions) are refused. Inside a bracket expression a backslash is an ordinary
/// character, as in POSIX. Everything else is left to regcomp.
enum RegexSyntax {
    static func check(_ pattern: String) throws(SieveRegexError) {
        let bytes = Array(pattern.utf8)
        if bytes.contains(0) { throw SieveRegexError("a regular expression cannot contain a NUL character") }
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\\"):
                guard i + 1 < bytes.count else {
                    throw SieveRegexError("invalid regular expression \"\(pattern)\": it ends with a backslash")
                }
                let next = bytes[i + 1]
                if next >= UInt8(ascii: "1") && next <= UInt8(ascii: "9") {
                    throw SieveRegexError("invalid regular expression \"\(pattern)\": back-references (\\\(Character(UnicodeScalar(next)))) "
                                          + "are not supported (draft-ietf-sieve-regex §6)")
                }
                if isAlphanumeric(next) || [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "`"), UInt8(ascii: "'")].contains(next) {
                    throw SieveRegexError("invalid regular expression \"\(pattern)\": \\\(Character(UnicodeScalar(next))) is not "
                                          + "a POSIX extended regular expression (draft-ietf-sieve-regex §6)")
                }
                i += 2
            case UInt8(ascii: "["):
                i = skipBracketExpression(bytes, from: i)
            default:
                i += 1
            }
        }
    }

    /// The index after the bracket expression opening at `start` (POSIX 9.3.5): an
    /// optional "^", a "]" first is literal, `[:…:]`, `[=…=]` and `[.….]` are nested.
    /// An unterminated one runs to the end (regcomp reports it).
    private static func skipBracketExpression(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start + 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "^") { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1 }
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "]") { return i + 1 }
            if byte == UInt8(ascii: "["), i + 1 < bytes.count,
               [UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: ".")].contains(bytes[i + 1]) {
                let delimiter = bytes[i + 1]
                var j = i + 2
                while j + 1 < bytes.count, !(bytes[j] == delimiter && bytes[j + 1] == UInt8(ascii: "]")) { j += 1 }
                i = j + 2
                continue
            }
            i += 1
        }
        return bytes.count
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// `:quoteregex` (draft §7.2): every character with a special meaning in an ERE gets a
    /// backslash, so the result only matches itself.
    static func quote(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\^$.[]|()?*+{}".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
