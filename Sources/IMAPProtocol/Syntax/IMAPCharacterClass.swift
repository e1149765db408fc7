/// Character classes of the IMAP grammar (RFC 3501 §9, RFC 9051 §9). Everything on the
/// wire is bytes; these predicates decide how a value may be written and read.
enum IMAPCharacterClass {
    static let space: UInt8 = 0x20
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let dquote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let openAngle: UInt8 = 0x3C
    static let closeAngle: UInt8 = 0x3E
    static let plus: UInt8 = 0x2B
    static let minus: UInt8 = 0x2D
    static let tilde: UInt8 = 0x7E
    static let dot: UInt8 = 0x2E
    static let star: UInt8 = 0x2A
    static let percent: UInt8 = 0x25
    static let comma: UInt8 = 0x2C
    static let colon: UInt8 = 0x3A
    static let dollar: UInt8 = 0x24

    /// `ATOM-CHAR`: any CHAR except atom-specials ( "(" ")" "{" SP CTL "%" "*" DQUOTE "\" "]" ).
    @inline(__always) static func isAtomChar(_ b: UInt8) -> Bool {
        guard b > 0x20, b < 0x7F else { return false }
        switch b {
        case openParen, closeParen, openBrace, percent, star, dquote, backslash, closeBracket: return false
        default: return true
        }
    }

    /// `ASTRING-CHAR = ATOM-CHAR / resp-specials`.
    @inline(__always) static func isAStringChar(_ b: UInt8) -> Bool {
        isAtomChar(b) || b == closeBracket
    }

    /// `tag = 1*<any ASTRING-CHAR except "+">`.
    @inline(__always) static func isTagChar(_ b: UInt8) -> Bool {
        isAStringChar(b) && b != plus
    }

    /// `list-char = ATOM-CHAR / list-wildcards / resp-specials`.
    @inline(__always) static func isListChar(_ b: UInt8) -> Bool {
        isAStringChar(b) || b == percent || b == star
    }

    /// `TEXT-CHAR` without the quoted-specials: what a quoted string holds unescaped.
    @inline(__always) static func isQuotable(_ b: UInt8) -> Bool {
        b >= 0x01 && b < 0x80 && b != cr && b != lf
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always) static func uppercased(_ b: UInt8) -> UInt8 {
        (b >= 0x61 && b <= 0x7A) ? b - 0x20 : b
    }

    /// ASCII upper case of a byte string (command names, keywords).
    static func uppercased<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(decoding: bytes.map(uppercased), as: UTF8.self)
    }

    /// True when `bytes` can be sent as an atom (non-empty, atom chars only, not NIL).
    static func isAtom<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        !bytes.isEmpty && bytes.allSatisfy(isAtomChar) && !isNIL(bytes)
    }

    static func isNIL<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.count == 3 && uppercased(bytes) == "NIL"
    }
}
