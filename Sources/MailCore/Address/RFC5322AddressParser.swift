/// RFC 5322 §3.4 `address-list` with the §4.4 obsolete forms, over the tokens of
/// `RFC5322AddressTokenizer`.
///
/// One pass splits the tokens into list elements (respecting groups and angle brackets,
/// where an obs-route may contain commas); each element is then parsed on its own, so a
/// garbage element is skipped without disturbing its neighbours. Every token is looked at
/// a bounded number of times: linear time, no recursion, no backtracking.
enum RFC5322AddressParser {
    typealias Token = RFC5322AddressToken

    static func parse(_ value: String) -> [AddressListEntry] {
        let tokens = RFC5322AddressTokenizer.tokenize(value)
        var entries: [AddressListEntry] = []

        var group: (name: String, members: [NamedMailbox])? = nil
        var elementStart = 0
        var inAngle = false
        // Inside "<…>": does an obs-route ("@a,@b:") come first? Its commas don't end the element.
        enum RouteState { case undecided, inRoute, none }
        var route = RouteState.none

        func finishElement(_ end: Int) {
            defer { elementStart = end + 1; inAngle = false }
            guard elementStart < end, let mailbox = parseMailbox(tokens[elementStart..<end]) else { return }
            if group != nil {
                group!.members.append(mailbox)
            } else {
                entries.append(.mailbox(mailbox))
            }
        }

        func finishGroup() {
            if let group { entries.append(.group(name: group.name, members: group.members)) }
            group = nil
        }

        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .lessThan:
                if !inAngle { inAngle = true; route = .undecided }
            case .greaterThan:
                inAngle = false
            case .at:
                // obs-domain-list = *(CFWS / ",") "@" domain …
                if inAngle && route == .undecided { route = .inRoute }
            case .comma:
                // obs-domain-list may start with commas and separates its domains with them.
                if inAngle && route != .none { continue }
                finishElement(index)  // also closes an unterminated "<"
            case .colon:
                if inAngle {
                    if route == .inRoute { route = .none }  // end of obs-route
                } else if group == nil {
                    // `display-name ":"` opens a group (§3.4); the name may even be empty.
                    group = (renderPhrase(tokens[elementStart..<index]), [])
                    elementStart = index + 1
                }
                // A second ":" inside a group is garbage; its element fails to parse.
            case .semicolon:
                finishElement(index)
                // Outside a group, ";" is taken as a separator (a common user mistake).
                finishGroup()
            default:
                if inAngle && route == .undecided { route = .none }
            }
        }
        finishElement(tokens.count)
        finishGroup()  // a group missing its ";"
        return entries
    }

    // MARK: Elements

    /// `mailbox = name-addr / addr-spec`; nil for anything else.
    static func parseMailbox(_ tokens: ArraySlice<Token>) -> NamedMailbox? {
        guard let open = tokens.firstIndex(where: { $0.kind == .lessThan }) else {
            return parseAddrSpec(tokens).map { NamedMailbox(displayName: nil, address: $0) }
        }
        let name = renderPhrase(tokens[tokens.startIndex..<open])
        let close = tokens[(open + 1)...].firstIndex(where: { $0.kind == .greaterThan }) ?? tokens.endIndex
        var inner = tokens[(open + 1)..<close]
        // obs-angle-addr = [CFWS] "<" obs-route addr-spec ">" [CFWS]; the route is dropped.
        if let first = inner.first(where: { $0.kind != .comma }), first.kind == .at {
            guard let colon = inner.firstIndex(where: { $0.kind == .colon }) else { return nil }
            inner = inner[(colon + 1)...]
        }
        // Anything after ">" is ignored: broken mailers put the name there.
        guard let address = parseAddrSpec(inner) else { return nil }
        return NamedMailbox(displayName: name.isEmpty ? nil : name, address: address)
    }

    /// `addr-spec = local-part "@" domain`, with obs-local-part (words separated by dots,
    /// CFWS allowed around them) and obs-domain. Lenient about empty words between dots
    /// (`a..b@example.jp` exists in the wild); the result re-quotes such local parts.
    static func parseAddrSpec(_ tokens: ArraySlice<Token>) -> EmailAddress? {
        var index = tokens.startIndex
        var local = ""
        var afterWord = false
        while index < tokens.endIndex, tokens[index].kind != .at {
            switch tokens[index].kind {
            case .atom, .quotedString:
                if afterWord { return nil }  // two words without a dot between them
                local += tokens[index].text
                afterWord = true
            case .dot:
                local += "."
                afterWord = false
            default:
                return nil
            }
            index += 1
        }
        guard !local.isEmpty, index < tokens.endIndex else { return nil }
        index += 1

        guard index < tokens.endIndex else { return nil }
        var domain = ""
        if tokens[index].kind == .domainLiteral {
            domain = tokens[index].text
            index += 1
        } else {
            // domain = dot-atom / obs-domain; a trailing dot is dropped.
            var expectAtom = true
            while index < tokens.endIndex {
                let token = tokens[index]
                if expectAtom {
                    guard token.kind == .atom else { break }
                    domain += token.text
                } else {
                    guard token.kind == .dot else { break }
                    domain += "."
                }
                expectAtom.toggle()
                index += 1
            }
            if domain.hasSuffix(".") { domain.removeLast() }
        }
        guard !domain.isEmpty, index == tokens.endIndex else { return nil }
        return EmailAddress(localPart: local, domain: domain)
    }

    /// A display name or group name: words, dots (obs-phrase) and any stray tokens, joined
    /// with one space where the source had white space or a comment. Quoted strings are
    /// unquoted; RFC 2047 encoded words stay as they are.
    static func renderPhrase(_ tokens: ArraySlice<Token>) -> String {
        var out = ""
        for token in tokens {
            if token.spaceBefore && !out.isEmpty { out += " " }
            out += token.text
        }
        return trimmingSpaces(out)
    }

    /// Drops leading and trailing spaces and tabs.
    static func trimmingSpaces(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
              let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }
}

