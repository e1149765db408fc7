extension IMAPCommandParser {
    /// `STORE SP sequence-set [SP "(" "UNCHANGEDSINCE" SP mod-sequence-valzer ")"] SP
    /// (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))`.
    static func parseStore(_ c: inout IMAPParseCursor, byUID: Bool) throws(IMAPParseFailure) -> IMAPStoreCommand {
        try c.space()
        let set = try c.sequenceSet()
        try c.space()
        var unchangedSince: UInt64?
        if c.peek() == C.openParen {
            _ = try c.parenthesized(allowEmpty: false) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> Void in
                let name = try c.keyword()
                guard name == "UNCHANGEDSINCE" else { throw IMAPParseFailure("unknown STORE modifier \(String(name.prefix(40)))") }
                try c.space()
                unchangedSince = try c.number64()
            }
            try c.space()
        }
        var action = IMAPStoreCommand.Action.replace
        if c.skip(C.plus) {
            action = .add
        } else if c.skip(C.minus) {
            action = .remove
        }
        let item = try c.name()
        guard item == "FLAGS" || item == "FLAGS.SILENT" else { throw IMAPParseFailure("expected FLAGS, +FLAGS or -FLAGS") }
        try c.space()
        var flags: [IMAPFlag]
        if c.peek() == C.openParen {
            flags = try c.flagList()
        } else {
            flags = [try c.flag()]
            while c.skip(C.space), !c.isAtEnd { flags.append(try c.flag()) }
        }
        try c.end()
        guard flags.count <= 1000 else { throw IMAPParseFailure("too many flags") }
        for flag in flags {
            if let refusal = flag.storeRefusal { throw IMAPParseFailure(refusal) }
        }
        return IMAPStoreCommand(sequenceSet: set, byUID: byUID, unchangedSince: unchangedSince, action: action,
                                silent: item == "FLAGS.SILENT", flags: flags)
    }
}
