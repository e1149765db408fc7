import MailCore

extension SieveExecution {
    mutating func evaluate(_ test: SieveTest) throws(SieveRuntimeError) -> Bool {
        let at = test.location
        try step(at)
        switch test.kind {
        case .constant(let value):
            return value
        case .not(let inner):
            return try !evaluate(inner)
        case .allOf(let tests):
            for inner in tests where try !evaluate(inner) { return false }
            return true
        case .anyOf(let tests):
            for inner in tests where try evaluate(inner) { return true }
            return false
        case .address(let names, let keys, let spec, let part, let index):
            var values: [String] = []
            var count = 0
            for name in expand(names) {
                for field in selected(fields(named: name), index) {
                    for address in Self.addresses(in: field.value) {
                        count += 1
                        if let value = addressPart(address, part) { values.append(value) }
                    }
                }
            }
            return try matches(values, keys: keys, spec: spec, count: count, at: at)
        case .envelope(let parts, let keys, let spec, let part):
            var values: [String] = []
            var count = 0
            for name in expand(parts) {
                let text: String?
                switch name.asciiLowercasedForSieve {
                case "from": text = envelope.from
                case "to": text = envelope.to
                default: text = nil
                }
                guard var address = text?.sieveTrimmed else { continue }
                if address.hasPrefix("<"), address.hasSuffix(">") { address = String(address.dropFirst().dropLast()) }
                // RFC 5228 §5.4: the null reverse path is "" whatever the address part.
                if address.isEmpty {
                    values.append("")
                    continue
                }
                count += 1
                if let value = addressPart(Self.envelopeAddress(address), part) { values.append(value) }
            }
            return try matches(values, keys: keys, spec: spec, count: count, at: at)
        case .header(let names, let keys, let spec, let index):
            var values: [String] = []
            for name in expand(names) {
                values += selected(fields(named: name), index).map(\.decodedValue)
            }
            return try matches(values, keys: keys, spec: spec, at: at)
        case .exists(let names):
            return expand(names).allSatisfy { !fields(named: $0).isEmpty }
        case .size(let over, let limit):
            return over ? message.size > limit : message.size < limit
        case .body(let transform, let keys, let spec):
            let texts: [String]
            switch transform {
            case .raw: texts = BodyExtractor.raw(message.message)
            case .text: texts = BodyExtractor.text(message.message)
            case .content(let types): texts = BodyExtractor.content(message.message, types: expand(types))
            }
            try step(at, cost: texts.reduce(0) { $0 + $1.utf8.count } / 4096)
            return try matches(texts, keys: keys, spec: spec, at: at)
        case .string(let sources, let keys, let spec):
            let values = expand(sources)
            // RFC 5229 §5: :count counts the non-empty strings.
            return try matches(values, keys: keys, spec: spec, count: values.filter { !$0.isEmpty }.count, at: at)
        case .hasFlag(let variables, let keys, let spec):
            let flags: [String]
            if let variables {
                flags = FlagList.parse(expand(variables).map { variable($0.lowercased()) ?? "" })
            } else {
                flags = internalFlags
            }
            return try matches(flags, keys: keys, spec: spec, at: at)
        case .date(let header, let zone, let part, let keys, let spec, let index):
            var values: [String] = []
            let partName = expand(part)
            guard knownDatePart(partName, at: at) else { return false }
            let fields = selected(fields(named: expand(header)), index)
            for field in fields {
                var text = field.value
                // RFC 5260 §4: in Received, the date follows the last ";".
                if field.hasName("Received"), let semicolon = text.lastIndex(of: ";") {
                    text = String(text[text.index(after: semicolon)...])
                }
                guard let parsed = SieveDateParser.parse(text), let shifted = zoned(parsed, zone),
                      let value = shifted.part(partName) else { continue }
                values.append(value)
            }
            return try matches(values, keys: keys, spec: spec, at: at)
        case .currentDate(let zone, let part, let keys, let spec):
            guard knownDatePart(expand(part), at: at) else { return false }
            let now = SieveDateTime(date: environment.currentDate, timeZone: environment.timeZone)
            var value: String?
            if let zone {
                value = SieveTimeZoneOffset.parse(expand(zone)).flatMap { now.shifted(to: $0).part(expand(part)) }
            } else {
                value = now.part(expand(part))
            }
            return try matches(value.map { [$0] } ?? [], keys: keys, spec: spec, at: at)
        case .mailboxExists(let names):
            return expand(names).allSatisfy { environment.mailboxExists($0) }
        case .spamTest(let percent, let keys, let spec):
            return try matches([environment.spamTestValue(percent: percent)], keys: keys, spec: spec, at: at)
        case .duplicate(let spec):
            return duplicate(spec)
        }
    }

    /// The fields of that name; none for a name no field can have ("Subject:", "a b"):
    /// RFC 5228 §2.4.2.2 "no header will match a syntactically invalid header name".
    func fields(named name: String) -> [SieveHeaderField] {
        guard SieveHeaderName.isValid(name) else { return [] }
        return headers.filter { $0.hasName(name) }
    }

    /// An unknown date part (RFC 5260 §4.2) makes the test false, with a warning.
    mutating func knownDatePart(_ name: String, at location: SieveSourceLocation) -> Bool {
        if SieveValidator.datePartNames.contains(name.asciiLowercasedForSieve) { return true }
        warnings.append("\(location): unknown date part \"\(name)\": the test is false")
        return false
    }

    /// What a `:regex` key is run on: at most `maximumRegexInputLength` bytes
    /// (draft-ietf-sieve-regex §10 asks to limit runaway evaluation).
    mutating func regexInput(_ value: String, at location: SieveSourceLocation) -> String {
        guard value.utf8.count > limits.maximumRegexInputLength else { return value }
        if !warnedRegexInput {
            warnedRegexInput = true
            warnings.append("\(location): :regex searched only the first \(limits.maximumRegexInputLength) bytes of a "
                            + "\(value.utf8.count)-byte value")
        }
        return value.truncatedUTF8(limits.maximumRegexInputLength)
    }

    /// The compiled key. Constant keys were checked at compile time; one built from
    /// variables that is too long or not a supported ERE matches nothing, with a warning
    /// (as Pigeonhole: text a message brings into a pattern cannot make the script fail).
    mutating func regex(_ pattern: String, _ spec: SieveMatchSpec, captures: Bool,
                        at location: SieveSourceLocation) -> POSIXRegex? {
        if pattern.utf8.count > limits.maximumRegexPatternLength {
            warnings.append("\(location): regular expression is \(pattern.utf8.count) bytes long; the limit is "
                            + "\(limits.maximumRegexPatternLength): it matches nothing")
            return nil
        }
        do {
            // draft-ietf-sieve-regex §5: the comparator decides case handling only.
            return try regexCache.regex(pattern, caseInsensitive: spec.comparator == .asciiCasemap, captures: captures)
        } catch {
            warnings.append("\(location): \(error.message): it matches nothing")
            return nil
        }
    }

    /// :index N [:last] picks one occurrence (RFC 5260 §6).
    func selected(_ fields: [SieveHeaderField], _ index: SieveHeaderIndex?) -> [SieveHeaderField] {
        guard let index else { return fields }
        guard index.position <= fields.count else { return [] }
        return [index.fromEnd ? fields[fields.count - index.position] : fields[index.position - 1]]
    }

    func zoned(_ date: SieveDateTime, _ zone: SieveDateZone) -> SieveDateTime? {
        switch zone {
        case .original:
            return date
        case .local:
            let offset = environment.timeZone.secondsFromGMT(for: .init(timeIntervalSince1970: Double(date.timestamp)))
            return date.shifted(to: offset)
        case .explicit(let value):
            return SieveTimeZoneOffset.parse(expand(value)).map { date.shifted(to: $0) }
        }
    }

    /// A parsed address: local part and domain, or a raw text that does not parse.
    struct ParsedAddress {
        var localPart: String
        var domain: String?
    }

    /// Mailboxes of an address field; group members flattened (RFC 5228 §2.7.4).
    static func addresses(in value: String) -> [ParsedAddress] {
        let mailboxes = AddressList.mailboxes(in: value)
        if mailboxes.isEmpty {
            let text = value.sieveTrimmed
            return text.isEmpty ? [] : [ParsedAddress(localPart: text, domain: nil)]
        }
        return mailboxes.map { ParsedAddress(localPart: $0.address.localPart, domain: $0.address.domain) }
    }

    static func envelopeAddress(_ text: String) -> ParsedAddress {
        if let parsed = try? EmailAddress.parse(text, limits: .unlimited) {
            return ParsedAddress(localPart: parsed.localPart, domain: parsed.domain)
        }
        guard let at = text.lastIndex(of: "@") else { return ParsedAddress(localPart: text, domain: nil) }
        return ParsedAddress(localPart: String(text[..<at]), domain: String(text[text.index(after: at)...]))
    }

    /// ADDRESS-PART of an address; nil when it has none (RFC 5228 §2.7.4: an address that
    /// does not parse matches only :all; RFC 5233 §4: no detail, no match).
    func addressPart(_ address: ParsedAddress, _ part: SieveAddressPart) -> String? {
        guard let domain = address.domain else { return part == .all ? address.localPart : nil }
        let separator = environment.subaddressSeparator
        switch part {
        case .all: return address.localPart + "@" + domain
        case .localpart: return address.localPart
        case .domain: return domain
        case .user:
            guard let i = address.localPart.firstIndex(of: separator) else { return address.localPart }
            return String(address.localPart[..<i])
        case .detail:
            guard let i = address.localPart.firstIndex(of: separator) else { return nil }
            return String(address.localPart[address.localPart.index(after: i)...])
        }
    }

    /// duplicate (RFC 7352 §3): true when the id was seen before; the id is recorded for
    /// the caller to store after a successful delivery.
    mutating func duplicate(_ spec: SieveDuplicateTest) -> Bool {
        let id: String?
        if let uniqueID = spec.uniqueID {
            id = expand(uniqueID)
        } else {
            let name = spec.header.map { expand($0) } ?? "Message-ID"
            id = fields(named: name).first.map { $0.value.sieveTrimmed }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let id else { return false }
        let key = SieveDuplicateKey(handle: spec.handle.map { expand($0) } ?? "", uniqueID: id)
        let seen = environment.isDuplicate(key) || duplicateMarks.contains { $0.key == key }
        if !duplicateMarks.contains(where: { $0.key == key }) {
            duplicateMarks.append(SieveDuplicateMark(key: key, seconds: spec.seconds ?? environment.duplicateDefaultPeriod,
                                                     last: spec.last))
        }
        return seen
    }

    // MARK: Matching

    /// True when some (value, key) pair matches (RFC 5228 §2.7); :count compares the
    /// number of values instead (RFC 5231 §4.2). A successful :matches sets the match
    /// variables (RFC 5229 §3.2).
    mutating func matches(_ values: [String], keys: [SieveStringValue], spec: SieveMatchSpec, count: Int? = nil,
                          at: SieveSourceLocation, setsVariables: Bool = true) throws(SieveRuntimeError) -> Bool {
        let keyTexts = expand(keys)
        switch spec.type {
        case .count(let relation):
            let n = String(count ?? values.count)
            for key in keyTexts {
                try step(at)
                if relation.holds(spec.comparator.compare(n, key)) { return true }
            }
            return false
        default:
            break
        }
        for value in values {
            for key in keyTexts {
                try step(at, cost: 1 + value.utf8.count / 1024)
                switch spec.type {
                case .is:
                    if spec.comparator.equals(value, key) { return true }
                case .contains:
                    if spec.comparator.contains(value, key) { return true }
                case .value(let relation):
                    if relation.holds(spec.comparator.compare(value, key)) { return true }
                case .matches:
                    try step(at, cost: value.utf8.count * max(key.utf8.count, 1) / 65_536)
                    if let captures = WildcardPattern(key, comparator: spec.comparator).match(value) {
                        if setsVariables, extensions.contains(.variables) {
                            scope.matchValues = [value] + captures
                        }
                        return true
                    }
                case .regex:
                    let input = regexInput(value, at: at)
                    try step(at, cost: input.utf8.count * max(key.utf8.count, 1) / 65_536)
                    // draft-ietf-sieve-regex §7.1: with "variables", a match sets ${0} (the
                    // whole match) and ${1}… (the groups, by opening parenthesis).
                    let captures = setsVariables && extensions.contains(.variables)
                    if let groups = regex(key, spec, captures: captures, at: at)?.match(input) {
                        if captures { scope.matchValues = groups }
                        return true
                    }
                case .count:
                    break
                }
            }
        }
        return false
    }
}
