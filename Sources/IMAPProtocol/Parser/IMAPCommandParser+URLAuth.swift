extension IMAPCommandParser {
    /// `genurlauth = "GENURLAUTH" 1*(SP url-rump SP mechanism)`, `url-rump = astring`
    /// (RFC 4467 §9).
    static func parseGenURLAuth(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        var requests: [IMAPGenURLAuthRequest] = []
        repeat {
            try c.space()
            let url = try c.astringText()
            try c.space()
            requests.append(IMAPGenURLAuthRequest(url: url, mechanism: try mechanism(&c)))
        } while !atEnd(&c)
        return .genURLAuth(requests)
    }

    /// `resetkey = "RESETKEY" [SP mailbox *(SP mechanism)]` (RFC 4467 §9).
    static func parseResetKey(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        guard !atEnd(&c) else { return .resetKey(nil, mechanisms: []) }
        try c.space()
        let mailbox = try c.mailbox()
        var mechanisms: [String] = []
        while !atEnd(&c) {
            try c.space()
            mechanisms.append(try mechanism(&c))
        }
        return .resetKey(mailbox, mechanisms: mechanisms)
    }

    /// `urlfetch = "URLFETCH" 1*(SP url-full)`, `url-full = astring` (RFC 4467 §9).
    static func parseURLFetch(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        var urls: [String] = []
        repeat {
            try c.space()
            urls.append(try c.astringText())
        } while !atEnd(&c)
        return .urlFetch(urls)
    }

    /// `command-select =/ "CANCELUPDATE" 1*(SP quoted)` (RFC 5267 §5).
    static func parseCancelUpdate(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        var tags: [String] = []
        repeat {
            try c.space()
            guard c.peek() == C.dquote else { throw IMAPParseFailure("CANCELUPDATE takes quoted tags") }
            tags.append(String(decoding: try c.quoted(), as: UTF8.self))
        } while !atEnd(&c)
        return .cancelUpdate(tags)
    }

    /// `mechanism = "INTERNAL" / 1*(ALPHA / DIGIT / "-" / ".")`, case-insensitive.
    private static func mechanism(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> String {
        let name = try c.keyword()
        guard IMAPAuthorizedURL.isMechanism(name) else { throw IMAPParseFailure("invalid URLAUTH mechanism") }
        return name
    }

    /// True at the end of the command (trailing spaces forgiven, as `end()` does).
    private static func atEnd(_ c: inout IMAPParseCursor) -> Bool {
        var probe = c
        guard (try? probe.end()) != nil else { return false }
        c = probe
        return true
    }
}
