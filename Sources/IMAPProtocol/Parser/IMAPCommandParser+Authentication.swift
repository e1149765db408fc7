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

    /// `LOGIN SP userid SP password`. The user id may carry a bare `*` or `%`, which
    /// RFC 3501 does not allow in an atom but master-user logins (`john*admin`) use and
    /// clients such as Python's imaplib send unquoted.
    static func parseLogin(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        let user = try c.userID()
        try c.space()
        let password = try c.astringText()
        try c.end()
        return .login(username: user, password: password)
    }
}
