extension IMAPCommandParser {
    /// `COPY/MOVE SP sequence-set SP mailbox`.
    static func parseCopy(_ c: inout IMAPParseCursor, byUID: Bool) throws(IMAPParseFailure) -> IMAPCopyCommand {
        try c.space()
        let set = try c.sequenceSet()
        try c.space()
        let mailbox = try c.mailbox()
        try c.end()
        return IMAPCopyCommand(sequenceSet: set, mailbox: mailbox, byUID: byUID)
    }
}
