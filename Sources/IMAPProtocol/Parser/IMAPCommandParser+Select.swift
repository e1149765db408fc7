extension IMAPCommandParser {
    /// `SELECT/EXAMINE SP mailbox [SP "(" select-param *(SP select-param) ")"]`
    /// (RFC 7162 §3.1.8 CONDSTORE, §3.2.5 QRESYNC).
    static func parseSelect(_ c: inout IMAPParseCursor, examine: Bool) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        let mailbox = try c.mailbox()
        var parameters = IMAPSelectParameters()
        if c.skip(C.space), !c.isAtEnd {
            _ = try c.parenthesized(allowEmpty: false) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> Void in
                let name = try c.keyword()
                switch name {
                case "CONDSTORE":
                    parameters.condStore = true
                case "QRESYNC":
                    try c.space()
                    parameters.qResync = try parseQResync(&c)
                default:
                    throw IMAPParseFailure("unknown SELECT parameter \(String(name.prefix(40)))")
                }
            }
        }
        try c.end()
        return examine ? .examine(mailbox, parameters) : .select(mailbox, parameters)
    }

    /// `"(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")"`.
    private static func parseQResync(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPQResyncParameters {
        try c.expect(C.openParen, "( after QRESYNC")
        let validity = try c.nzNumber32()
        try c.space()
        let modSeq = try c.number64()
        var result = IMAPQResyncParameters(uidValidity: validity, modSeq: modSeq)
        if c.skip(C.space) {
            if c.peek() != C.openParen {
                result.knownUIDs = try c.sequenceSet()
                if c.skip(C.space) { result.sequenceMatch = try parseSequenceMatch(&c) }
            } else {
                result.sequenceMatch = try parseSequenceMatch(&c)
            }
        }
        try c.expect(C.closeParen, ") closing QRESYNC")
        return result
    }

    private static func parseSequenceMatch(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPSequenceMatch {
        try c.expect(C.openParen, "( before the sequence match data")
        let sequenceNumbers = try c.sequenceSet()
        try c.space()
        let uids = try c.sequenceSet()
        try c.expect(C.closeParen, ") after the sequence match data")
        return IMAPSequenceMatch(sequenceNumbers: sequenceNumbers, uids: uids)
    }
}
