extension SieveValidator {
    /// Header fields the address test may look into (RFC 5228 §5.1: only fields that hold
    /// addresses).
    static let addressHeaders: Set<String> = [
        "from", "sender", "to", "cc", "bcc", "reply-to", "resent-from", "resent-sender", "resent-to",
        "resent-cc", "resent-bcc", "resent-reply-to", "return-receipt-to", "errors-to", "delivered-to",
        "disposition-notification-to", "envelope-to", "x-original-to", "x-envelope-to", "x-delivered-to",
        "original-recipient", "mail-followup-to", "mail-reply-to", "return-path", "approved",
    ]

    static let datePartNames: Set<String> = [
        "year", "month", "day", "date", "julian", "hour", "minute", "second", "time", "iso8601", "std11",
        "zone", "weekday",
    ]

    func test(_ node: SieveTestNode) throws(SieveCompileError) -> SieveTest {
        let what = "test '\(node.name)'"
        let at = node.location
        func plain(_ rules: [SieveTagRule], _ kinds: [SieveArgumentKind]) throws(SieveCompileError) -> ScannedArguments {
            let scanned = try scan(node.arguments, rules: rules, what: what)
            try expect(scanned.positional, kinds, what: what, at: at)
            if let sub = node.tests.first {
                throw SieveCompileError("\(what) takes no nested test", at: sub.location)
            }
            return scanned
        }
        let matching = SieveTagRule.comparator + SieveTagRule.matchType
        let kind: SieveTest.Kind
        switch node.name {
        case "true", "false":
            _ = try plain([], [])
            kind = .constant(node.name == "true")
        case "not":
            _ = try scan(node.arguments, rules: [], what: what)
            if let extra = node.arguments.first { throw SieveCompileError("\(what) takes no arguments", at: extra.location) }
            guard node.tests.count == 1, !node.hasTestList else {
                throw SieveCompileError("'not' needs exactly one test", at: at)
            }
            kind = .not(try test(node.tests[0]))
        case "allof", "anyof":
            if let extra = node.arguments.first { throw SieveCompileError("\(what) takes no arguments", at: extra.location) }
            guard node.hasTestList, !node.tests.isEmpty else {
                throw SieveCompileError("'\(node.name)' needs a parenthesised list of tests", at: at)
            }
            var tests: [SieveTest] = []
            for sub in node.tests { tests.append(try test(sub)) }
            kind = node.name == "allof" ? .allOf(tests) : .anyOf(tests)
        case "address":
            let s = try plain(matching + SieveTagRule.addressPart + SieveTagRule.index, [.stringList, .stringList])
            let headers = try values(s.positional[0])
            // A name that cannot be a header field name is no error, the test is false for it
            // (RFC 5228 §2.4.2.2); only real names are held to address fields (§5.1).
            for header in headers {
                if let name = header.constant, SieveHeaderName.isValid(name),
                   !Self.addressHeaders.contains(name.asciiLowercasedForSieve) {
                    throw SieveCompileError("header \"\(name)\" holds no addresses: the address test cannot use it",
                                            at: header.location)
                }
            }
            kind = .address(headers: headers, keys: try values(s.positional[1]), match: try matchSpec(s),
                            part: addressPart(s), index: try headerIndex(s))
        case "envelope":
            try need(.envelope, for: what, at: at)
            let s = try plain(matching + SieveTagRule.addressPart, [.stringList, .stringList])
            let parts = try values(s.positional[0])
            for part in parts {
                if let name = part.constant, !["from", "to"].contains(name.asciiLowercasedForSieve) {
                    throw SieveCompileError("unknown envelope part \"\(name)\" (from or to)", at: part.location)
                }
            }
            kind = .envelope(parts: parts, keys: try values(s.positional[1]), match: try matchSpec(s), part: addressPart(s))
        case "header":
            let s = try plain(matching + SieveTagRule.index, [.stringList, .stringList])
            // RFC 5228 §2.4.2.2: "An implementation MUST NOT cause an error for
            // syntactically invalid header names in tests": no header matches them.
            let names = try values(s.positional[0])
            kind = .header(names: names, keys: try values(s.positional[1]), match: try matchSpec(s), index: try headerIndex(s))
        case "exists":
            let s = try plain([], [.stringList])
            let names = try values(s.positional[0])  // invalid names: false (RFC 5228 §2.4.2.2)
            kind = .exists(names)
        case "size":
            let s = try plain([SieveTagRule("over", group: "comparison"), SieveTagRule("under", group: "comparison")], [.number])
            guard s.has("over") || s.has("under") else {
                throw SieveCompileError("'size' needs :over or :under", at: at)
            }
            kind = .size(over: s.has("over"), limit: number(s.positional[0]) ?? 0)
        case "body":
            try need(.body, for: what, at: at)
            let s = try plain(matching + [
                SieveTagRule("raw", group: "transform"), SieveTagRule("text", group: "transform"),
                SieveTagRule("content", group: "transform", parameter: .stringList),
            ], [.stringList])
            var transform = SieveBodyTransform.text
            if s.has("raw") { transform = .raw }
            if let content = s.tags["content"]?.value { transform = .content(try values(content)) }
            let spec = try matchSpec(s)
            if case .count = spec.type {
                throw SieveCompileError(":count cannot be used with the body test", at: s.tags["count"]?.location ?? at)
            }
            kind = .body(transform: transform, keys: try values(s.positional[0]), match: spec)
        case "string":
            try need(.variables, for: what, at: at)
            let s = try plain(matching, [.stringList, .stringList])
            kind = .string(sources: try values(s.positional[0]), keys: try values(s.positional[1]), match: try matchSpec(s))
        case "hasflag":
            try need(.imap4flags, for: what, at: at)
            let s = try scan(node.arguments, rules: matching, what: what)
            if let sub = node.tests.first { throw SieveCompileError("\(what) takes no nested test", at: sub.location) }
            if s.positional.count == 2 {
                try need(.variables, for: "the variable list of 'hasflag'", at: s.positional[0].location)
                try expect(s.positional, [.stringList, .stringList], what: what, at: at)
                let variables = try values(s.positional[0])
                for variable in variables {
                    if let name = variable.constant, !VariableName.isAssignable(name) {
                        throw SieveCompileError("invalid variable name \"\(name)\"", at: variable.location)
                    }
                }
                kind = .hasFlag(variables: variables, keys: try values(s.positional[1]), match: try matchSpec(s))
            } else {
                try expect(s.positional, [.stringList], what: what, at: at)
                kind = .hasFlag(variables: nil, keys: try values(s.positional[0]), match: try matchSpec(s))
            }
        case "date":
            try need(.date, for: what, at: at)
            let s = try plain(matching + SieveTagRule.index + [
                SieveTagRule("zone", group: "zone", parameter: .string), SieveTagRule("originalzone", group: "zone"),
            ], [.string, .string, .stringList])
            var zone = SieveDateZone.local
            if s.has("originalzone") { zone = .original }
            if let argument = s.tags["zone"]?.value { zone = .explicit(try zoneValue(argument)) }
            let header = try value(s.positional[0])  // invalid name: false (RFC 5228 §2.4.2.2)
            kind = .date(header: header, zone: zone, part: try datePart(s.positional[1]), keys: try values(s.positional[2]),
                         match: try matchSpec(s), index: try headerIndex(s))
        case "currentdate":
            try need(.date, for: what, at: at)
            let s = try plain(matching + [SieveTagRule("zone", parameter: .string)], [.string, .stringList])
            let zone = try s.tags["zone"]?.value.map { a throws(SieveCompileError) in try zoneValue(a) }
            kind = .currentDate(zone: zone, part: try datePart(s.positional[0]), keys: try values(s.positional[1]),
                                match: try matchSpec(s))
        case "mailboxexists":
            try need(.mailbox, for: what, at: at)
            let s = try plain([], [.stringList])
            kind = .mailboxExists(try values(s.positional[0]))
        case "spamtest":
            try need(.spamtest, for: what, at: at)
            let s = try plain(matching + [SieveTagRule("percent", requires: .spamtestplus)], [.string])
            kind = .spamTest(percent: s.has("percent"), keys: try values(s.positional[0]), match: try matchSpec(s))
        case "duplicate":
            try need(.duplicate, for: what, at: at)
            let s = try plain([
                SieveTagRule("handle", parameter: .string),
                SieveTagRule("header", group: "identifier", parameter: .string),
                SieveTagRule("uniqueid", group: "identifier", parameter: .string),
                SieveTagRule("seconds", parameter: .number), SieveTagRule("last"),
            ], [])
            // An invalid :header name finds no field: no id, the test is false (RFC 5228 §2.4.2.2).
            let header = try s.tags["header"]?.value.map { a throws(SieveCompileError) in try value(a) }
            kind = .duplicate(SieveDuplicateTest(
                handle: try s.tags["handle"]?.value.map { a throws(SieveCompileError) in try value(a) },
                header: header,
                uniqueID: try s.tags["uniqueid"]?.value.map { a throws(SieveCompileError) in try value(a) },
                seconds: number(s.tags["seconds"]?.value), last: s.has("last")))
        default:
            throw SieveCompileError("unknown test '\(node.name)'", at: at)
        }
        try checkRegexKeys(in: kind)
        return SieveTest(kind: kind, location: at)
    }

    private func zoneValue(_ argument: SieveArgumentNode) throws(SieveCompileError) -> SieveStringValue {
        let zone = try value(argument)
        if let text = zone.constant, SieveTimeZoneOffset.parse(text) == nil {
            throw SieveCompileError("invalid time zone \"\(text)\" (expected +hhmm or -hhmm)", at: argument.location)
        }
        return zone
    }

    /// An unknown date part is a warning and makes the test false when run, not a compile
    /// error (RFC 5260 §4.2 lists the parts; this is what Pigeonhole does and what existing
    /// scripts expect).
    private func datePart(_ argument: SieveArgumentNode) throws(SieveCompileError) -> SieveStringValue {
        let part = try value(argument)
        if let text = part.constant, !Self.datePartNames.contains(text.asciiLowercasedForSieve) {
            warn("unknown date part \"\(text)\": the test is always false", at: argument.location)
        }
        return part
    }
}
