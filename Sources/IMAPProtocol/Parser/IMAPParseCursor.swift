/// Reads the tokens of one command frame (RFC 3501 §9): atoms, strings (quoted or
/// literal), numbers, lists. Literal data is taken by the length the reader recorded, never
/// scanned. Nesting (parenthesised search keys) is bounded by `maximumDepth`.
struct IMAPParseCursor {
    typealias C = IMAPCharacterClass

    let frame: IMAPCommandFrame
    var position: Int
    var depth = 0
    static let maximumDepth = 64

    init(frame: IMAPCommandFrame) {
        self.frame = frame
        self.position = 0
    }

    private var bytes: [UInt8] { frame.bytes }

    var isAtEnd: Bool { position >= bytes.count }

    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    func peek(offset: Int) -> UInt8? {
        let p = position + offset
        return p < bytes.count ? bytes[p] : nil
    }

    // MARK: Structure

    mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(IMAPParseFailure) {
        guard peek() == byte else { throw IMAPParseFailure("expected \(what())") }
        position += 1
    }

    /// Exactly one SP.
    mutating func space() throws(IMAPParseFailure) {
        guard peek() == C.space else {
            throw IMAPParseFailure(isAtEnd ? "missing arguments" : "expected a space")
        }
        position += 1
    }

    /// True and consumed when the next byte is `byte`.
    mutating func skip(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        position += 1
        return true
    }

    /// Everything up to the next space or the end.
    mutating func word() -> ArraySlice<UInt8> {
        let start = position
        while let b = peek(), b != C.space { position += 1 }
        return frame.bytes[start..<position]
    }

    /// The command must end here (trailing spaces are forgiven).
    mutating func end() throws(IMAPParseFailure) {
        while peek() == C.space { position += 1 }
        guard isAtEnd else { throw IMAPParseFailure("unexpected extra arguments") }
    }

    mutating func enter() throws(IMAPParseFailure) {
        depth += 1
        guard depth <= IMAPParseCursor.maximumDepth else { throw IMAPParseFailure("nested too deeply") }
    }

    mutating func leave() { depth -= 1 }

    // MARK: Atoms

    /// `1*ATOM-CHAR`.
    mutating func atom() throws(IMAPParseFailure) -> ArraySlice<UInt8> {
        let start = position
        while let b = peek(), C.isAtomChar(b) { position += 1 }
        guard position > start else { throw IMAPParseFailure(isAtEnd ? "missing arguments" : "expected an atom") }
        return bytes[start..<position]
    }

    /// An atom in upper case (keywords, command names).
    mutating func keyword() throws(IMAPParseFailure) -> String {
        C.uppercased(try atom())
    }

    /// A keyword made of letters, digits, "." and "-" only: stops before "[" "<" etc.
    mutating func name() throws(IMAPParseFailure) -> String {
        let start = position
        while let b = peek(), (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || C.isDigit(b) || b == C.dot || b == C.minus {
            position += 1
        }
        guard position > start else { throw IMAPParseFailure(isAtEnd ? "missing arguments" : "expected a keyword") }
        return C.uppercased(bytes[start..<position])
    }

    /// Consumes `word` (case-insensitive) when it comes next as a whole token.
    mutating func skipWord(_ word: String) -> Bool {
        let w = Array(word.utf8)
        guard position + w.count <= bytes.count else { return false }
        for (i, b) in w.enumerated() where C.uppercased(bytes[position + i]) != b { return false }
        if let after = peek(offset: w.count), C.isAtomChar(after) { return false }
        position += w.count
        return true
    }

    // MARK: Strings

    /// `astring`: 1*ASTRING-CHAR, or a string.
    /// Octets above 0x7F are accepted in the atom form too: UTF-8 clients send them.
    mutating func astring() throws(IMAPParseFailure) -> ArraySlice<UInt8> {
        if startsString { return try string() }
        let start = position
        while let b = peek(), C.isAStringChar(b) || b >= 0x80 { position += 1 }
        guard position > start else { throw IMAPParseFailure(isAtEnd ? "missing arguments" : "expected a string") }
        return bytes[start..<position]
    }

    /// An astring that also accepts the list wildcards `*` and `%` unquoted (LOGIN).
    mutating func userID() throws(IMAPParseFailure) -> String {
        if startsString { return String(decoding: try string(), as: UTF8.self) }
        let start = position
        while let b = peek(), C.isAStringChar(b) || b == C.star || b == C.percent || b >= 0x80 { position += 1 }
        guard position > start else { throw IMAPParseFailure(isAtEnd ? "missing arguments" : "expected a string") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    mutating func astringText() throws(IMAPParseFailure) -> String {
        String(decoding: try astring(), as: UTF8.self)
    }

    /// `string`: quoted or literal.
    mutating func string() throws(IMAPParseFailure) -> ArraySlice<UInt8> {
        guard let b = peek() else { throw IMAPParseFailure("missing arguments") }
        if b == C.dquote { return try quoted() }
        if startsString { return try literal().data }
        throw IMAPParseFailure("expected a string")
    }

    /// A quoted string, a literal or a literal8 comes next.
    var startsString: Bool {
        guard let b = peek() else { return false }
        return b == C.dquote || b == C.openBrace || (b == C.tilde && peek(offset: 1) == C.openBrace)
    }

    /// `nstring`: NIL or a string.
    mutating func nstring() throws(IMAPParseFailure) -> ArraySlice<UInt8>? {
        if skipWord("NIL") { return nil }
        return try string()
    }

    /// A quoted string with its quoted-pairs resolved. 8-bit octets are accepted (UTF-8
    /// clients send them); CR, LF and NUL are not.
    mutating func quoted() throws(IMAPParseFailure) -> ArraySlice<UInt8> {
        try expect(C.dquote, "a quoted string")
        let start = position
        var unescaped: [UInt8]?
        while let b = peek() {
            switch b {
            case C.dquote:
                position += 1
                if let unescaped { return unescaped[...] }
                return bytes[start..<(position - 1)]
            case C.backslash:
                guard let next = peek(offset: 1), next == C.dquote || next == C.backslash else {
                    throw IMAPParseFailure("invalid escape in a quoted string")
                }
                if unescaped == nil { unescaped = Array(bytes[start..<position]) }
                unescaped?.append(next)
                position += 2
            case C.cr, C.lf, 0:
                throw IMAPParseFailure("invalid character in a quoted string")
            default:
                unescaped?.append(b)
                position += 1
            }
        }
        throw IMAPParseFailure("unterminated quoted string")
    }

    /// `{n}`, `{n+}`, `~{n}` or `~{n+}` then CRLF and the data the reader collected. A
    /// spilled literal (not in the frame) is accepted only where `allowSpilled` (APPEND
    /// messages and CATENATE text).
    mutating func literal(allowSpilled: Bool = false) throws(IMAPParseFailure)
        -> (data: ArraySlice<UInt8>, isBinary: Bool, spilled: IMAPSpilledLiteral?) {
        let isBinary = skip(C.tilde)
        try expect(C.openBrace, "a literal")
        let digitsStart = position
        while let b = peek(), C.isDigit(b) { position += 1 }
        guard position > digitsStart, let size = IMAPNumberParsing.number64(bytes[digitsStart..<position]) else {
            throw IMAPParseFailure("invalid literal size")
        }
        _ = skip(C.plus)
        try expect(C.closeBrace, "} after the literal size")
        guard skip(C.cr), skip(C.lf), let literal = frame.literal(startingAt: position),
              UInt64(literal.spilled?.size ?? literal.range.count) == size else {
            throw IMAPParseFailure("a literal must end its line")
        }
        if literal.spilled != nil, !allowSpilled { throw IMAPParseFailure("literal too large here") }
        position = literal.range.upperBound
        return (bytes[literal.range], isBinary || literal.isBinary, literal.spilled)
    }

    // MARK: Numbers

    private mutating func digits() throws(IMAPParseFailure) -> ArraySlice<UInt8> {
        let start = position
        while let b = peek(), C.isDigit(b) { position += 1 }
        guard position > start else { throw IMAPParseFailure(isAtEnd ? "missing arguments" : "expected a number") }
        return bytes[start..<position]
    }

    mutating func number32() throws(IMAPParseFailure) -> UInt32 {
        guard let n = IMAPNumberParsing.number32(try digits()) else { throw IMAPParseFailure("number out of range") }
        return n
    }

    mutating func nzNumber32() throws(IMAPParseFailure) -> UInt32 {
        guard let n = IMAPNumberParsing.nzNumber32(try digits()) else { throw IMAPParseFailure("expected a non-zero number") }
        return n
    }

    /// `mod-sequence-value` (up to 2^63-1).
    mutating func number64() throws(IMAPParseFailure) -> UInt64 {
        guard let n = IMAPNumberParsing.number64(try digits()) else { throw IMAPParseFailure("number out of range") }
        return n
    }

    // MARK: IMAP values

    mutating func mailbox() throws(IMAPParseFailure) -> IMAPMailboxName {
        let raw = try astring()
        guard raw.count <= 4096 else { throw IMAPParseFailure("mailbox name too long") }
        return IMAPMailboxName(wire: raw)
    }

    /// `list-mailbox = 1*list-char / string`.
    mutating func listMailbox() throws(IMAPParseFailure) -> String {
        if startsString { return String(decoding: try string(), as: UTF8.self) }
        let start = position
        while let b = peek(), C.isListChar(b) || b >= 0x80 { position += 1 }
        guard position > start else { throw IMAPParseFailure("expected a mailbox pattern") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    mutating func sequenceSet() throws(IMAPParseFailure) -> IMAPSequenceSet {
        let start = position
        // RFC 5182 §3: `sequence-set =/ seq-last-command`, `seq-last-command = "$"`.
        if peek() == C.dollar {
            position += 1
            return .savedResult
        }
        while let b = peek(), C.isDigit(b) || b == C.star || b == C.colon || b == C.comma { position += 1 }
        guard position > start else { throw IMAPParseFailure("expected a sequence set") }
        guard let set = IMAPSequenceSet.parse(bytes[start..<position]) else {
            throw IMAPParseFailure("invalid sequence set")
        }
        return set
    }

    /// `flag` (`\`atom or atom).
    mutating func flag() throws(IMAPParseFailure) -> IMAPFlag {
        let start = position
        _ = skip(C.backslash)
        while let b = peek(), C.isAtomChar(b) { position += 1 }
        guard let flag = IMAPFlag.parse(bytes[start..<position]) else { throw IMAPParseFailure("invalid flag") }
        return flag
    }

    /// `flag-list = "(" [flag *(SP flag)] ")"`.
    mutating func flagList() throws(IMAPParseFailure) -> [IMAPFlag] {
        try expect(C.openParen, "a flag list")
        var flags: [IMAPFlag] = []
        if skip(C.closeParen) { return flags }
        while true {
            flags.append(try flag())
            if skip(C.closeParen) { return flags }
            try space()
        }
    }

    /// A parenthesised list of items read by `item`, separated by single spaces; empty
    /// lists are allowed when `allowEmpty`.
    mutating func parenthesized<T>(allowEmpty: Bool, _ item: (inout IMAPParseCursor) throws(IMAPParseFailure) -> T) throws(IMAPParseFailure) -> [T] {
        try expect(C.openParen, "(")
        var items: [T] = []
        if skip(C.closeParen) {
            guard allowEmpty else { throw IMAPParseFailure("empty list") }
            return items
        }
        while true {
            items.append(try item(&self))
            if skip(C.closeParen) { return items }
            try space()
        }
    }

    /// `date` (search): `date-text` or the same in quotes.
    mutating func searchDate() throws(IMAPParseFailure) -> IMAPDate {
        let quotedForm = skip(C.dquote)
        let start = position
        while let b = peek(), C.isAtomChar(b) { position += 1 }
        guard let date = IMAPDate.parse(frame.bytes[start..<position]) else { throw IMAPParseFailure("invalid date") }
        if quotedForm { try expect(C.dquote, "closing quote of the date") }
        return date
    }
}
