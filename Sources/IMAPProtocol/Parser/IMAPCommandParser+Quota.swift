extension IMAPCommandParser {
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
