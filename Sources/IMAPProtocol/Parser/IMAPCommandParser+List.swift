extension IMAPCommandParser {
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
                case "MYRIGHTS": options.myRights = true
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
}
