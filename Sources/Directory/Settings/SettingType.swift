import MailCore

/// The type of a setting: how a value typed by the administrator is checked and
/// normalized before it is stored.
public enum SettingType: Sendable, Equatable {
    /// true/false (also accepts on/off).
    case bool
    case integer(ClosedRange<Int64>)
    /// Bytes with an optional K, M or G suffix (powers of 1024): `20M`.
    case size
    /// `4d`, `4h`, `30m`, `10s` or combinations (`1d12h`); a bare number is seconds.
    case duration
    /// One line of free text.
    case string
    /// A DNS host name; optional = the empty string is allowed.
    case hostname(optional: Bool)
    /// A mail address; optional = the empty string is allowed.
    case address(optional: Bool)
    /// IP addresses and CIDR networks separated by commas or spaces (may be empty).
    case networks
    /// IP addresses with an optional port (`192.0.2.53`, `[2001:db8::1]:5353`), comma separated (may be empty).
    case endpoints
    /// One of a fixed list of words.
    case choice([String])
    /// Any of a fixed list of words, comma separated (may be empty).
    case wordList([String])

    /// Short name for listings.
    public var name: String {
        switch self {
        case .bool: return "bool"
        case .integer: return "int"
        case .size: return "size"
        case .duration: return "duration"
        case .string: return "string"
        case .hostname: return "hostname"
        case .address: return "address"
        case .networks: return "ip-list"
        case .endpoints: return "endpoint-list"
        case let .choice(words): return words.joined(separator: "|")
        case let .wordList(words): return "list of " + words.joined(separator: "|")
        }
    }

    /// What a valid value looks like, completing "setting KEY: expected …".
    public var expected: String {
        switch self {
        case .bool: return "true, false, on or off"
        case let .integer(range): return "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .size: return "a size like 20M"
        case .duration: return "a duration like 4d, 4h, 30m or 10s"
        case .string: return "one line of text"
        case let .hostname(optional): return optional ? "a host name like mail.example.com, or empty" : "a host name like mail.example.com"
        case let .address(optional): return optional ? "an address like user@example.com, or empty" : "an address like user@example.com"
        case .networks: return "IP addresses or networks like 192.0.2.0/24, 2001:db8::/32, separated by commas"
        case .endpoints: return "IP addresses with an optional port like 192.0.2.53 or [2001:db8::1]:5353, separated by commas"
        case let .choice(words): return "one of " + words.joined(separator: ", ")
        case let .wordList(words): return "any of " + words.joined(separator: ", ") + ", separated by commas"
        }
    }

    /// The canonical stored form of `raw`, or nil when it is not valid for this type.
    public func normalize(_ raw: String) -> String? {
        let value = Text.trim(raw)
        switch self {
        case .bool:
            return ValueSyntax.parseBool(value).map { $0 ? "true" : "false" }
        case let .integer(range):
            guard let number = Int64(value), range.contains(number) else { return nil }
            return String(number)
        case .size:
            return ValueSyntax.parseSize(value).map(ValueSyntax.formatSize)
        case .duration:
            return ValueSyntax.parseDuration(value).map(ValueSyntax.formatDuration)
        case .string:
            return value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) ? nil : value
        case let .hostname(optional):
            if value.isEmpty { return optional ? "" : nil }
            let lower = value.lowercased()
            return NameRules.hostnameProblem(lower) == nil ? lower : nil
        case let .address(optional):
            if value.isEmpty { return optional ? "" : nil }
            return (try? NameRules.externalAddress(value))?.description
        case .networks:
            var parts: [String] = []
            for item in ValueSyntax.listItems(value) {
                guard let network = IPNetwork.parse(item) else { return nil }
                parts.append(network.description)
            }
            return parts.joined(separator: ", ")
        case .endpoints:
            var parts: [String] = []
            for item in ValueSyntax.listItems(value) {
                guard let endpoint = NetworkEndpoint.parse(item) else { return nil }
                parts.append(endpoint.description)
            }
            return parts.joined(separator: ", ")
        case let .choice(words):
            let lower = value.lowercased()
            return words.contains(lower) ? lower : nil
        case let .wordList(words):
            let given = value.split(whereSeparator: { $0 == "," || $0 == " " }).map { $0.lowercased() }
            guard given.allSatisfy(words.contains) else { return nil }
            return words.filter(given.contains).joined(separator: ",")
        }
    }
}
