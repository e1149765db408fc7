extension IMAPCommandParser {
    typealias C = IMAPCharacterClass

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
}
