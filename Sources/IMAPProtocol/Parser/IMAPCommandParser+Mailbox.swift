extension IMAPCommandParser {
    typealias C = IMAPCharacterClass

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

    /// `CREATE SP mailbox [SP "(" "USE" SP "(" [use-attr *(SP use-attr)] ")" ")"]`
    /// (RFC 6154 §3).
    static func parseCreate(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        let mailbox = try c.mailbox()
        var uses: [String] = []
        if c.skip(C.space), !c.isAtEnd {
            _ = try c.parenthesized(allowEmpty: false) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> Void in
                let name = try c.keyword()
                guard name == "USE" else { throw IMAPParseFailure("unknown CREATE parameter \(String(name.prefix(40)))") }
                try c.space()
                uses += try c.parenthesized(allowEmpty: true) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> String in
                    let flag = try c.flag()
                    guard flag.isSystemFlag else { throw IMAPParseFailure("a special-use attribute starts with \\") }
                    return flag.name
                }
            }
        }
        try c.end()
        return .create(mailbox, specialUse: uses)
    }

    static func parseRename(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        let from = try c.mailbox()
        try c.space()
        let to = try c.mailbox()
        try c.end()
        return .rename(from: from, to: to)
    }

    /// `LIST [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]`
    /// (RFC 5258 §6, RFC 5819, RFC 6154).
    static func parseList(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        var command = IMAPListCommand(reference: "", patterns: [])
        if c.peek() == C.openParen {
            command.isExtended = true
            command.selectionOptions = try c.parenthesized(allowEmpty: true) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPListCommand.SelectionOption in
                let name = try c.keyword()
                guard let option = IMAPListCommand.SelectionOption(rawValue: name) else {
                    throw IMAPParseFailure("unknown LIST selection option \(String(name.prefix(40)))")
                }
                return option
            }
            // RFC 5258 §3: RECURSIVEMATCH needs another option to modify.
            if command.selectionOptions.contains(.recursiveMatch),
               !command.selectionOptions.contains(where: { $0 != .recursiveMatch && $0 != .remote }) {
                throw IMAPParseFailure("RECURSIVEMATCH needs another selection option")
            }
            try c.space()
        }
        command.reference = String(decoding: try c.astring(), as: UTF8.self)
        try c.space()
        if c.peek() == C.openParen {
            command.isExtended = true
            command.patterns = try c.parenthesized(allowEmpty: false) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> String in
                try c.listMailbox()
            }
            guard command.patterns.count <= 100 else { throw IMAPParseFailure("too many patterns") }
        } else {
            command.patterns = [try c.listMailbox()]
        }
        if c.skip(C.space), !c.isAtEnd {
            guard c.skipWord("RETURN") else { throw IMAPParseFailure("expected RETURN") }
            command.isExtended = true
            try c.space()
            var options = IMAPListReturnOptions()
            _ = try c.parenthesized(allowEmpty: true) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> Void in
                let name = try c.keyword()
                switch name {
                case "SUBSCRIBED": options.subscribed = true
                case "CHILDREN": options.children = true
                case "SPECIAL-USE": options.specialUse = true
                case "STATUS":
                    try c.space()
                    options.status = try parseStatusAttributes(&c)
                default: throw IMAPParseFailure("unknown LIST return option \(String(name.prefix(40)))")
                }
            }
            command.returnOptions = options
        }
        try c.end()
        return .list(command)
    }

    static func parseLSub(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        let reference = String(decoding: try c.astring(), as: UTF8.self)
        try c.space()
        let pattern = try c.listMailbox()
        try c.end()
        return .lsub(reference: reference, pattern: pattern)
    }

    /// `STATUS SP mailbox SP "(" status-att *(SP status-att) ")"`.
    static func parseStatus(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        let mailbox = try c.mailbox()
        try c.space()
        let attributes = try parseStatusAttributes(&c)
        try c.end()
        return .status(mailbox, attributes)
    }

    static func parseStatusAttributes(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> [IMAPStatusAttribute] {
        try c.parenthesized(allowEmpty: false) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPStatusAttribute in
            let name = try c.keyword()
            guard let attribute = IMAPStatusAttribute(rawValue: name) else {
                throw IMAPParseFailure("unknown STATUS item \(String(name.prefix(40)))")
            }
            return attribute
        }
    }

    /// `APPEND SP mailbox [SP flag-list] [SP date-time] SP literal` (RFC 3501 §6.3.11;
    /// `~{n}` from RFC 3516 §4.4).
    static func parseAppend(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        let mailbox = try c.mailbox()
        try c.space()
        var flags: [IMAPFlag] = []
        if c.peek() == C.openParen {
            flags = try c.flagList()
            for flag in flags {
                if let refusal = flag.storeRefusal { throw IMAPParseFailure(refusal) }
            }
            try c.space()
        }
        var date: IMAPDateTime?
        if c.peek() == C.dquote {
            let text = try c.quoted()
            guard let parsed = IMAPDateTime.parse(text) else { throw IMAPParseFailure("invalid date-time") }
            date = parsed
            try c.space()
        }
        guard c.peek() == C.openBrace || c.peek() == C.tilde else {
            if c.skipWord("CATENATE") { throw IMAPParseFailure("CATENATE is not supported") }
            if c.skipWord("UTF8") { throw IMAPParseFailure("UTF8 APPEND is not supported") }
            throw IMAPParseFailure("expected the message as a literal")
        }
        let literal = try c.literal()
        if c.skip(C.space), !c.isAtEnd { throw IMAPParseFailure("MULTIAPPEND is not supported") }
        try c.end()
        return .append(IMAPAppendCommand(mailbox: mailbox, flags: flags, internalDate: date,
                                         message: literal.data, isBinary: literal.isBinary))
    }
}
