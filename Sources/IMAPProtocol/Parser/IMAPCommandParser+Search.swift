extension IMAPCommandParser {
    /// Charsets accepted in SEARCH and SORT; others get `NO [BADCHARSET]` (RFC 3501 §6.4.4).
    public static let supportedCharsets = ["UTF-8", "US-ASCII"]

    /// `SEARCH [SP "RETURN" SP "(" [ret-opt *(SP ret-opt)] ")"] [SP "CHARSET" SP charset]
    /// 1*(SP search-key)` (RFC 3501 §6.4.4, RFC 4731 §3.1).
    static func parseSearch(_ c: inout IMAPParseCursor, byUID: Bool) throws(IMAPParseFailure) -> IMAPSearchCommand {
        try c.space()
        var command = IMAPSearchCommand(byUID: byUID, key: .all)
        if c.skipWord("RETURN") {
            try c.space()
            let (options, partial, fetch) = try parseReturnOptions(&c)
            command.returnOptions = options
            command.partial = partial
            command.updateFetchAttributes = fetch
            try c.space()
        }
        if c.skipWord("CHARSET") {
            try c.space()
            command.charset = try parseCharset(&c)
            try c.space()
        }
        command.key = try parseSearchKeys(&c)
        try c.end()
        return command
    }

    /// `"(" [ret-opt *(SP ret-opt)] ")"`: MIN MAX ALL COUNT (RFC 4731), SAVE (RFC 5182),
    /// PARTIAL (RFC 5267 §4.4), UPDATE with fetch-atts (RFC 5465 §8 `modifier-update`);
    /// `()` means ALL.
    static func parseReturnOptions(_ c: inout IMAPParseCursor)
        throws(IMAPParseFailure) -> ([IMAPSearchReturnOption], IMAPPartialRange?, [IMAPFetchAttribute]) {
        var options: [IMAPSearchReturnOption] = []
        var partial: IMAPPartialRange?
        var fetch: [IMAPFetchAttribute] = []
        _ = try c.parenthesized(allowEmpty: true) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> Void in
            let name = try c.keyword()
            if name == "PARTIAL" {
                try c.space()
                partial = try parsePartialRange(&c)
                return
            }
            if name == "UPDATE", c.peek() == C.space, c.peek(offset: 1) == C.openParen {
                try c.space()
                fetch = try c.parenthesized(allowEmpty: false) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPFetchAttribute in
                    try parseFetchAttribute(&c)
                }
            }
            guard let option = IMAPSearchReturnOption(rawValue: name) else {
                throw IMAPParseFailure("unknown SEARCH return option \(String(name.prefix(40)))")
            }
            if !options.contains(option) { options.append(option) }
        }
        // RFC 4731 §3.1: no result option means ALL; CONTEXT and UPDATE (RFC 5267 §4) are
        // not result options, so RETURN (UPDATE) returns ALL too.
        if partial == nil, !options.contains(where: \.returnsData) { options.append(.all) }
        return (options, partial, fetch)
    }

    /// `partial-range-first = nz-number ":" nz-number`, `partial-range-last = "-" nz-number
    /// ":" "-" nz-number` (RFC 5267 §4.4 as updated by RFC 9394).
    static func parsePartialRange(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPPartialRange {
        func bound(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> Int32 {
            let negative = c.skip(0x2D)
            let n = try c.number32()
            guard n >= 1, n <= UInt32(Int32.max) else { throw IMAPParseFailure("invalid PARTIAL range") }
            return negative ? -Int32(n) : Int32(n)
        }
        let first = try bound(&c)
        try c.expect(C.colon, ": in the PARTIAL range")
        let last = try bound(&c)
        guard (first > 0) == (last > 0) else { throw IMAPParseFailure("invalid PARTIAL range") }
        return IMAPPartialRange(first: first, last: last)
    }

    /// `SORT SP "(" sort-criterion *(SP sort-criterion) ")" SP charset 1*(SP search-key)`
    /// (RFC 5256 §5; DISPLAYFROM/DISPLAYTO from RFC 5957).
    static func parseSort(_ c: inout IMAPParseCursor, byUID: Bool) throws(IMAPParseFailure) -> IMAPSortCommand {
        try c.space()
        // RFC 5267 §3 ESORT: `SORT [SP sort-return-opts] SP sort-criteria SP charset …`.
        var returnOptions: [IMAPSearchReturnOption]?
        var partial: IMAPPartialRange?
        var updateFetch: [IMAPFetchAttribute] = []
        if c.skipWord("RETURN") {
            try c.space()
            (returnOptions, partial, updateFetch) = try parseReturnOptions(&c)
            try c.space()
        }
        var reverse = false
        var criteria: [IMAPSortCriterion] = []
        _ = try c.parenthesized(allowEmpty: false) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> Void in
            let name = try c.keyword()
            if name == "REVERSE" {
                guard !reverse else { throw IMAPParseFailure("REVERSE twice") }
                reverse = true
                return
            }
            guard let key = IMAPSortCriterion.Key(rawValue: name) else {
                throw IMAPParseFailure("unknown sort criterion \(String(name.prefix(40)))")
            }
            criteria.append(IMAPSortCriterion(key, reverse: reverse))
            reverse = false
        }
        guard !reverse else { throw IMAPParseFailure("REVERSE must precede a sort criterion") }
        try c.space()
        let charset = try parseCharset(&c)
        try c.space()
        let key = try parseSearchKeys(&c)
        try c.end()
        var command = IMAPSortCommand(byUID: byUID, criteria: criteria, charset: charset, key: key)
        command.returnOptions = returnOptions
        command.partial = partial
        command.updateFetchAttributes = updateFetch
        return command
    }

    /// `charset = atom / quoted`; only UTF-8 and US-ASCII pass.
    /// `THREAD SP thread-alg SP search-criteria` with `search-criteria = charset
    /// 1*(SP search-key)` (RFC 5256 §5).
    static func parseThread(_ c: inout IMAPParseCursor, byUID: Bool) throws(IMAPParseFailure) -> IMAPThreadCommand {
        try c.space()
        let name = try c.keyword()
        guard let algorithm = IMAPThreadCommand.Algorithm(rawValue: name) else {
            throw IMAPParseFailure("unknown threading algorithm \(String(name.prefix(40)))")
        }
        try c.space()
        let charset = try parseCharset(&c)
        try c.space()
        let key = try parseSearchKeys(&c)
        try c.end()
        return IMAPThreadCommand(byUID: byUID, algorithm: algorithm, charset: charset, key: key)
    }

    private static func parseCharset(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> String {
        let raw = c.peek() == C.dquote ? try c.quoted() : try c.atom()
        let name = C.uppercased(raw)
        guard supportedCharsets.contains(name) else {
            throw IMAPParseFailure("Unsupported charset \(String(name.prefix(40)))", code: .badCharset(supportedCharsets))
        }
        return name
    }

    /// One or more keys separated by spaces: their conjunction.
    private static func parseSearchKeys(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPSearchKey {
        var keys = [try parseSearchKey(&c)]
        while c.peek() == C.space, let next = c.peek(offset: 1), next != C.space {
            c.position += 1
            keys.append(try parseSearchKey(&c))
            guard keys.count <= 10_000 else { throw IMAPParseFailure("too many search keys") }
        }
        return keys.count == 1 ? keys[0] : .and(keys)
    }

    private static func parseSearchKey(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPSearchKey {
        try c.enter()
        defer { c.leave() }
        if c.peek() == C.openParen {
            c.position += 1
            var keys = [try parseSearchKey(&c)]
            while c.skip(C.space) {
                keys.append(try parseSearchKey(&c))
                guard keys.count <= 10_000 else { throw IMAPParseFailure("too many search keys") }
            }
            try c.expect(C.closeParen, ") closing the search key list")
            return keys.count == 1 ? keys[0] : .and(keys)
        }
        if let b = c.peek(), C.isDigit(b) || b == C.star || b == C.dollar {
            return .sequenceNumbers(try c.sequenceSet())
        }
        let name = try c.keyword()
        func text(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> String {
            try c.space()
            return try c.astringText()
        }
        func date(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPDate {
            try c.space()
            return try c.searchDate()
        }
        func keyword(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPFlag {
            try c.space()
            let atom = try c.atom()
            guard let flag = IMAPFlag.parse(atom), flag.isKeyword else { throw IMAPParseFailure("invalid keyword") }
            return flag
        }
        switch name {
        case "ALL": return .all
        case "ANSWERED": return .answered
        case "DELETED": return .deleted
        case "DRAFT": return .draft
        case "FLAGGED": return .flagged
        case "NEW": return .new
        case "OLD": return .old
        case "RECENT": return .recent
        case "SEEN": return .seen
        case "UNANSWERED": return .unanswered
        case "UNDELETED": return .undeleted
        case "UNDRAFT": return .undraft
        case "UNFLAGGED": return .unflagged
        case "UNSEEN": return .unseen
        case "KEYWORD": return .keyword(try keyword(&c))
        case "UNKEYWORD": return .unkeyword(try keyword(&c))
        case "BCC": return .bcc(try text(&c))
        case "BODY": return .body(try text(&c))
        case "CC": return .cc(try text(&c))
        case "FROM": return .from(try text(&c))
        case "SUBJECT": return .subject(try text(&c))
        case "TEXT": return .text(try text(&c))
        case "TO": return .to(try text(&c))
        case "HEADER":
            let field = try text(&c)
            guard !field.isEmpty, field.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != C.colon }) else {
                throw IMAPParseFailure("invalid header field name")
            }
            return .header(field: field, value: try text(&c))
        case "BEFORE": return .before(try date(&c))
        case "ON": return .on(try date(&c))
        case "SINCE": return .since(try date(&c))
        case "SENTBEFORE": return .sentBefore(try date(&c))
        case "SENTON": return .sentOn(try date(&c))
        case "SENTSINCE": return .sentSince(try date(&c))
        case "LARGER":
            try c.space()
            return .larger(UInt64(try c.number32()))
        case "SMALLER":
            try c.space()
            return .smaller(UInt64(try c.number32()))
        case "UID":
            try c.space()
            return .uid(try c.sequenceSet())
        case "NOT":
            try c.space()
            return .not(try parseSearchKey(&c))
        case "OR":
            try c.space()
            let a = try parseSearchKey(&c)
            try c.space()
            return .or(a, try parseSearchKey(&c))
        case "OLDER":
            try c.space()
            return .older(try c.nzNumber32())
        case "YOUNGER":
            try c.space()
            return .younger(try c.nzNumber32())
        case "MODSEQ":
            // RFC 7162 §3.1.5: MODSEQ [SP entry-name SP entry-type-req] SP mod-sequence-valzer
            try c.space()
            var entry: IMAPModSeqEntry?
            if c.peek() == C.dquote {
                let entryName = String(decoding: try c.quoted(), as: UTF8.self)
                try c.space()
                let type = try c.keyword().lowercased()
                guard ["priv", "shared", "all"].contains(type) else { throw IMAPParseFailure("invalid MODSEQ entry type") }
                entry = IMAPModSeqEntry(name: entryName, type: type)
                try c.space()
            }
            return .modSeq(try c.number64(), entry: entry)
        default:
            throw IMAPParseFailure("unknown search key \(String(name.prefix(40)))")
        }
    }
}
