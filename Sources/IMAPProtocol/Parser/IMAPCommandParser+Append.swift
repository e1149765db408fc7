extension IMAPCommandParser {
    /// `APPEND SP mailbox 1*append-message` with `append-message = SP [flag-list SP]
    /// [date-time SP] literal` (RFC 3501 §6.3.11, RFC 3502 §6.3.11 MULTIAPPEND; `~{n}`
    /// from RFC 3516 §4.4).
    static func parseAppend(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        let mailbox = try c.mailbox()
        try c.space()
        var parts = [try parseAppendMessage(&c)]
        while c.skip(C.space), !c.isAtEnd {
            parts.append(try parseAppendMessage(&c))
        }
        try c.end()
        let first = parts[0]
        var command = IMAPAppendCommand(mailbox: mailbox, flags: first.flags, internalDate: first.internalDate,
                                        message: first.message, isBinary: first.isBinary)
        command.catenate = first.catenate
        command.spilled = first.spilled
        command.additional = Array(parts.dropFirst())
        return .append(command)
    }

    /// `[flag-list SP] [date-time SP] literal`.
    static func parseAppendMessage(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPAppendCommand.Part {
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
        if c.skipWord("CATENATE") {
            // RFC 4469 §5: `"CATENATE" SP "(" cat-part *(SP cat-part) ")"`,
            // `cat-part = "TEXT" SP literal / "URL" SP url`.
            try c.space()
            let pieces = try c.parenthesized(allowEmpty: false) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPAppendCommand.CatenatePart in
                let kind = try c.keyword()
                try c.space()
                switch kind {
                case "TEXT":
                    let text = try c.literal(allowSpilled: true)
                    return text.spilled.map { .spilledText($0) } ?? .text(text.data)
                case "URL": return .url(try c.astringText())
                default: throw IMAPParseFailure("unknown CATENATE part \(String(kind.prefix(40)))")
                }
            }
            guard pieces.count <= 1000 else { throw IMAPParseFailure("too many CATENATE parts") }
            var part = IMAPAppendCommand.Part(flags: flags, internalDate: date, message: [], isBinary: false)
            part.catenate = pieces
            return part
        }
        guard c.peek() == C.openBrace || c.peek() == C.tilde else {
            if c.skipWord("UTF8") { throw IMAPParseFailure("UTF8 APPEND is not supported") }
            throw IMAPParseFailure("expected the message as a literal")
        }
        let literal = try c.literal(allowSpilled: true)
        var part = IMAPAppendCommand.Part(flags: flags, internalDate: date, message: literal.data, isBinary: literal.isBinary)
        part.spilled = literal.spilled
        return part
    }
}
