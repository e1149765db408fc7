extension IMAPCommandParser {
    /// `ID SP id-params-list` (RFC 2971 §4): at most 30 pairs, keys up to 30 octets,
    /// values up to 1024.
    static func parseID(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        if c.skipWord("NIL") {
            try c.end()
            return .id(nil)
        }
        try c.expect(IMAPCharacterClass.openParen, "( or NIL")
        var fields: [IMAPIDField] = []
        if !c.skip(IMAPCharacterClass.closeParen) {
            while true {
                let key = try c.string()
                try c.space()
                let value = try c.nstring()
                guard key.count <= 30, (value?.count ?? 0) <= 1024 else { throw IMAPParseFailure("ID field too long") }
                guard fields.count < 30 else { throw IMAPParseFailure("too many ID fields") }
                fields.append(IMAPIDField(String(decoding: key, as: UTF8.self), value.map { String(decoding: $0, as: UTF8.self) }))
                if c.skip(IMAPCharacterClass.closeParen) { break }
                try c.space()
            }
        }
        try c.end()
        return .id(fields)
    }

    /// `ENABLE 1*(SP capability)` (RFC 5161).
    static func parseEnable(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        var capabilities = [try c.keyword()]
        while c.skip(IMAPCharacterClass.space), !c.isAtEnd {
            capabilities.append(try c.keyword())
            guard capabilities.count <= 100 else { throw IMAPParseFailure("too many capabilities") }
        }
        try c.end()
        return .enable(capabilities)
    }
}
