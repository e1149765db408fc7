extension IMAPCommandParser {
    /// SETACL, DELETEACL, LISTRIGHTS (RFC 4314 §3.1–3.4).
    static func parseACL(_ c: inout IMAPParseCursor, _ name: String) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        let mailbox = try c.mailbox()
        try c.space()
        let identifier = try c.astringText()
        guard !identifier.isEmpty, identifier.utf8.count <= 1024 else { throw IMAPParseFailure("invalid identifier") }
        switch name {
        case "SETACL":
            try c.space()
            var rights = Array(try c.astring())
            var mode = IMAPRightsModification.Mode.replace
            if rights.first == IMAPCharacterClass.plus {
                mode = .add
                rights.removeFirst()
            } else if rights.first == IMAPCharacterClass.minus {
                mode = .remove
                rights.removeFirst()
            }
            guard rights.count <= 64, rights.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || IMAPCharacterClass.isDigit($0) }) else {
                throw IMAPParseFailure("invalid rights (lower-case right letters expected)")
            }
            try c.end()
            return .setACL(mailbox, identifier: identifier, rights: IMAPRightsModification(mode: mode, rights: String(decoding: rights, as: UTF8.self)))
        case "DELETEACL":
            try c.end()
            return .deleteACL(mailbox, identifier: identifier)
        default:
            try c.end()
            return .listRights(mailbox, identifier: identifier)
        }
    }
}
