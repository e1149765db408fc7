
extension SieveValidator {
    /// One action or control command other than if/elsif/else/require.
    func command(_ node: SieveCommandNode) throws(SieveCompileError) -> SieveCommand {
        let what = "'\(node.name)'"
        let at = node.location
        func simple(_ rules: [SieveTagRule] = [], _ kinds: [SieveArgumentKind]) throws(SieveCompileError) -> ScannedArguments {
            let scanned = try scan(node.arguments, rules: rules, what: what)
            try expect(scanned.positional, kinds, what: what, at: at)
            try noTestsOrBlock(node)
            return scanned
        }
        let kind: SieveCommand.Kind
        switch node.name {
        case "stop":
            _ = try simple([], [])
            kind = .stop
        case "discard":
            _ = try simple([], [])
            kind = .discard
        case "keep":
            let s = try simple([SieveTagRule("flags", parameter: .stringList, requires: .imap4flags)], [])
            kind = .keep(flags: try s.tags["flags"]?.value.map { a throws(SieveCompileError) in try values(a) })
        case "fileinto":
            try need(.fileinto, for: what, at: at)
            let s = try simple([
                SieveTagRule("flags", parameter: .stringList, requires: .imap4flags),
                SieveTagRule("copy", requires: .copy), SieveTagRule("create", requires: .mailbox),
            ], [.string])
            let mailbox = try value(s.positional[0])
            if let name = mailbox.constant, name.isEmpty {
                throw SieveCompileError("the mailbox name is empty", at: s.positional[0].location)
            }
            kind = .fileinto(mailbox: mailbox, flags: try s.tags["flags"]?.value.map { a throws(SieveCompileError) in try values(a) },
                             copy: s.has("copy"), create: s.has("create"))
        case "redirect":
            let s = try simple([SieveTagRule("copy", requires: .copy)], [.string])
            let address = try value(s.positional[0])
            if let text = address.constant, SieveAddressSyntax.redirectTarget(text) == nil {
                throw SieveCompileError("invalid redirect address \"\(text)\"", at: s.positional[0].location)
            }
            kind = .redirect(address: address, copy: s.has("copy"))
        case "reject", "ereject":
            try need(node.name == "reject" ? .reject : .ereject, for: what, at: at)
            let s = try simple([], [.string])
            kind = .reject(reason: try value(s.positional[0]), extended: node.name == "ereject")
        case "set":
            try need(.variables, for: what, at: at)
            kind = try setCommand(node)
        case "setflag", "addflag", "removeflag":
            try need(.imap4flags, for: what, at: at)
            kind = try flagCommand(node)
        case "vacation":
            try need(.vacation, for: what, at: at)
            kind = try vacationCommand(node)
        case "include":
            try need(.include, for: what, at: at)
            let s = try simple([
                SieveTagRule("personal", group: "location"), SieveTagRule("global", group: "location"),
                SieveTagRule("once"), SieveTagRule("optional"),
            ], [.string])
            let name = try constant(s.positional[0], what: "the included script name")
            guard SieveScriptName.isValid(name) else {
                throw SieveCompileError("invalid script name \"\(name)\"", at: s.positional[0].location)
            }
            kind = .include(name: name, location: s.has("global") ? .global : .personal,
                            once: s.has("once"), optional: s.has("optional"))
        case "return":
            try need(.include, for: what, at: at)
            _ = try simple([], [])
            kind = .returnFromInclude
        case "global":
            try need(.include, for: what, at: at)
            try need(.variables, for: what, at: at)
            let s = try simple([], [.stringList])
            var names: [String] = []
            guard case .strings(let literals, _) = s.positional[0].value else { return SieveCommand(kind: .stop, location: at) }
            for literal in literals {
                guard VariableName.isIdentifier(literal.value) else {
                    throw SieveCompileError("invalid variable name \"\(literal.value)\"", at: literal.location)
                }
                names.append(literal.value.lowercased())
            }
            kind = .global(names)
        case "addheader":
            try need(.editheader, for: what, at: at)
            let s = try simple([SieveTagRule("last", requires: .editheader)], [.string, .string])
            let name = try value(s.positional[0])
            if let text = name.constant, !SieveHeaderName.isValid(text) {
                throw SieveCompileError("invalid header field name \"\(text)\"", at: s.positional[0].location)
            }
            kind = .addHeader(name: name, value: try value(s.positional[1]), last: s.has("last"))
        case "deleteheader":
            try need(.editheader, for: what, at: at)
            let rules = SieveTagRule.comparator + SieveTagRule.matchType + [
                SieveTagRule("index", parameter: .number, requires: .editheader), SieveTagRule("last", requires: .editheader),
            ]
            let s = try scan(node.arguments, rules: rules, what: what)
            try noTestsOrBlock(node)
            if s.positional.count == 2 {
                try expect(s.positional, [.string, .stringList], what: what, at: at)
            } else {
                try expect(s.positional, [.string], what: what, at: at)
            }
            let name = try value(s.positional[0])
            if let text = name.constant, !SieveHeaderName.isValid(text) {
                throw SieveCompileError("invalid header field name \"\(text)\"", at: s.positional[0].location)
            }
            let patterns = s.positional.count == 2 ? try values(s.positional[1]) : nil
            let match = try matchSpec(s)
            if let patterns { try checkRegexKeys(patterns, match) }
            kind = .deleteHeader(name: name, patterns: patterns, match: match, index: try headerIndex(s))
        case "if", "elsif", "else", "require":
            throw SieveCompileError("misplaced '\(node.name)'", at: at)
        default:
            if Self.testNames.contains(node.name) {
                throw SieveCompileError("'\(node.name)' is a test, not a command", at: at)
            }
            throw SieveCompileError("unknown command '\(node.name)'", at: at)
        }
        return SieveCommand(kind: kind, location: at)
    }

    static let testNames: Set<String> = [
        "address", "allof", "anyof", "envelope", "exists", "false", "header", "not", "size", "true", "body",
        "string", "hasflag", "date", "currentdate", "mailboxexists", "spamtest", "duplicate",
    ]

    /// `set [MODIFIER…] <name> <value>` (RFC 5229 §4).
    private func setCommand(_ node: SieveCommandNode) throws(SieveCompileError) -> SieveCommand.Kind {
        let rules = SieveVariableModifier.allCases.map {
            SieveTagRule($0.rawValue, group: "modifier of precedence \($0.precedence)", requires: $0 == .quoteregex ? .regex : nil)
        }
        let s = try scan(node.arguments, rules: rules, what: "'set'")
        try expect(s.positional, [.string, .string], what: "'set'", at: node.location)
        try noTestsOrBlock(node)
        let name = try constant(s.positional[0], what: "the variable name")
        guard VariableName.isAssignable(name) else {
            throw SieveCompileError("invalid variable name \"\(name)\"", at: s.positional[0].location)
        }
        if name.contains("."), !has(.include) {
            throw SieveCompileError("variable namespace in \"\(name)\" needs require \"include\"", at: s.positional[0].location)
        }
        let modifiers = SieveVariableModifier.allCases.filter { s.has($0.rawValue) }.sorted { $0.precedence > $1.precedence }
        return .set(name: name.lowercased(), value: try value(s.positional[1]), modifiers: modifiers)
    }

    /// `setflag/addflag/removeflag [<variablename>] <list-of-flags>` (RFC 5232 §3).
    private func flagCommand(_ node: SieveCommandNode) throws(SieveCompileError) -> SieveCommand.Kind {
        let what = "'\(node.name)'"
        let s = try scan(node.arguments, rules: [], what: what)
        try noTestsOrBlock(node)
        let edit: SieveFlagEdit = node.name == "setflag" ? .set : node.name == "addflag" ? .add : .remove
        if s.positional.count == 2 {
            try need(.variables, for: "the variable name argument of \(what)", at: s.positional[0].location)
            try expect(s.positional, [.string, .stringList], what: what, at: node.location)
            let variable = try value(s.positional[0])
            if let name = variable.constant, !VariableName.isAssignable(name) {
                throw SieveCompileError("invalid variable name \"\(name)\"", at: s.positional[0].location)
            }
            return .flags(edit, variable: variable, flags: try values(s.positional[1]))
        }
        try expect(s.positional, [.stringList], what: what, at: node.location)
        return .flags(edit, variable: nil, flags: try values(s.positional[0]))
    }

    /// `vacation [:days/:seconds] [:subject] [:from] [:addresses] [:mime] [:handle] <reason>`
    /// (RFC 5230 §4, RFC 6131).
    private func vacationCommand(_ node: SieveCommandNode) throws(SieveCompileError) -> SieveCommand.Kind {
        let rules = [
            SieveTagRule("days", group: "period", parameter: .number),
            SieveTagRule("seconds", group: "period", parameter: .number, requires: .vacationSeconds),
            SieveTagRule("subject", parameter: .string), SieveTagRule("from", parameter: .string),
            SieveTagRule("addresses", parameter: .stringList), SieveTagRule("mime"),
            SieveTagRule("handle", parameter: .string),
        ]
        let s = try scan(node.arguments, rules: rules, what: "'vacation'")
        try expect(s.positional, [.string], what: "'vacation'", at: node.location)
        try noTestsOrBlock(node)
        var period: SievePeriod?
        if let days = number(s.tags["days"]?.value) { period = .days(days) }
        if let seconds = number(s.tags["seconds"]?.value) { period = .seconds(seconds) }
        let from = try s.tags["from"]?.value.map { a throws(SieveCompileError) in try value(a) }
        if let text = from?.constant, SieveAddressSyntax.mailboxes(text).isEmpty {
            throw SieveCompileError("invalid :from address \"\(text)\"", at: from?.location ?? node.location)
        }
        let addresses = try s.tags["addresses"]?.value.map { a throws(SieveCompileError) in try values(a) } ?? []
        for address in addresses {
            if let text = address.constant, SieveAddressSyntax.mailboxes(text).isEmpty {
                throw SieveCompileError("invalid address \"\(text)\" in :addresses", at: address.location)
            }
        }
        return .vacation(SieveVacationCommand(
            period: period,
            subject: try s.tags["subject"]?.value.map { a throws(SieveCompileError) in try value(a) },
            from: from, addresses: addresses, mime: s.has("mime"),
            handle: try s.tags["handle"]?.value.map { a throws(SieveCompileError) in try value(a) },
            reason: try value(s.positional[0])))
    }
}
