extension IMAPCommandParser {
    /// `AUTHENTICATE SP auth-type [SP (base64 / "=")]` (RFC 3501 §6.2.2, RFC 4959).
    static func parseAuthenticate(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        let mechanism = try c.keyword()
        guard mechanism.utf8.count <= 64 else { throw IMAPParseFailure("mechanism name too long") }
        var initial: [UInt8]?
        if c.skip(IMAPCharacterClass.space) {
            let text = c.word()
            if text.count == 1 && text.first == 0x3D {
                initial = []
            } else {
                guard let decoded = Base64.decode(text) else {
                    throw IMAPParseFailure("the initial response is not valid base64")
                }
                initial = decoded
            }
        }
        try c.end()
        return .authenticate(mechanism: mechanism, initialResponse: initial)
    }

    /// `LOGIN SP userid SP password`.
    static func parseLogin(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        let user = try c.astringText()
        try c.space()
        let password = try c.astringText()
        try c.end()
        return .login(username: user, password: password)
    }

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

    /// GETQUOTA, GETQUOTAROOT, SETQUOTA (RFC 9208 §4).
    static func parseQuota(_ c: inout IMAPParseCursor, _ name: String) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        switch name {
        case "GETQUOTAROOT":
            let mailbox = try c.mailbox()
            try c.end()
            return .getQuotaRoot(mailbox)
        case "GETQUOTA":
            let root = try c.astringText()
            try c.end()
            return .getQuota(root: root)
        default:
            let root = try c.astringText()
            try c.space()
            let limits = try c.parenthesized(allowEmpty: true) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPQuotaLimit in
                let resource = try c.keyword()
                try c.space()
                return IMAPQuotaLimit(resource: resource, limit: try c.number64())
            }
            try c.end()
            return .setQuota(root: root, limits: limits)
        }
    }
}
