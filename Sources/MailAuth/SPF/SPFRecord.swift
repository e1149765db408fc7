import DNS

/// A parsed SPF record (RFC 7208 §4.6, §5, §6). Parsing checks the whole record, so a
/// syntax error anywhere gives `permerror` before anything is evaluated (§4.6).
struct SPFRecord: Sendable {
    enum Qualifier: UInt8, Sendable {
        case pass = 0x2B, fail = 0x2D, softfail = 0x7E, neutral = 0x3F

        var result: SPFResult {
            switch self {
            case .pass: return .pass
            case .fail: return .fail
            case .softfail: return .softfail
            case .neutral: return .neutral
            }
        }
    }

    enum Mechanism: Sendable {
        case all
        case include(SPFMacroString)
        /// `a` and `mx`: the domain-spec (nil: the current domain) and the dual CIDR.
        case a(SPFMacroString?, v4: Int, v6: Int)
        case mx(SPFMacroString?, v4: Int, v6: Int)
        case ptr(SPFMacroString?)
        case ip4(IPv4Address, Int)
        case ip6(IPv6Address, Int)
        case exists(SPFMacroString)

        /// Mechanisms that query DNS count against the limit of 10 (§4.6.4).
        var countsAsLookup: Bool {
            switch self {
            case .all, .ip4, .ip6: return false
            default: return true
            }
        }
    }

    struct Term: Sendable {
        var qualifier: Qualifier
        var mechanism: Mechanism
        /// The term as written, for reports.
        var text: String
    }

    var terms: [Term] = []
    var redirect: SPFMacroString?
    var explanation: SPFMacroString?

    /// `version = "v=spf1"`, case-insensitive, then SP or the end (§4.5).
    static func isSPFRecord(_ bytes: [UInt8]) -> Bool {
        let prefix = Array("v=spf1".utf8)
        guard bytes.count >= prefix.count,
              zip(bytes.prefix(prefix.count), prefix).allSatisfy({ Byte.lowercased($0) == $1 }) else { return false }
        return bytes.count == prefix.count || bytes[prefix.count] == Byte.space
    }

    /// Parses a record that `isSPFRecord` accepted. Throws the reason for `permerror`.
    init(_ bytes: [UInt8]) throws(SPFSyntaxError) {
        // SPF records are 7-bit ASCII, terms separated by SP only (§4.5, §12).
        if let bad = bytes.first(where: { !(0x20...0x7E).contains($0) }) {
            throw SPFSyntaxError(bad >= 0x80 ? "non-ASCII character in the record" : "control character in the record")
        }
        try parseTerms(bytes)
    }

    private mutating func parseTerms(_ bytes: [UInt8]) throws(SPFSyntaxError) {
        for raw in bytes.dropFirst(6).split(separator: Byte.space) {
            let term = Array(raw)
            let text = String(decoding: term, as: UTF8.self)
            if let equals = term.firstIndex(of: Byte.equals), Self.isModifierName(term[..<equals]) {
                try parseModifier(name: String(decoding: term[..<equals], as: UTF8.self).lowercased(),
                                  value: Array(term[(equals + 1)...]), text: text)
            } else {
                terms.append(try Self.parseMechanism(term, text: text))
            }
        }
    }

    /// `name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )` (§6).
    private static func isModifierName(_ name: ArraySlice<UInt8>) -> Bool {
        guard let first = name.first, Byte.isAlpha(first) else { return false }
        return name.allSatisfy { Byte.isAlpha($0) || Byte.isDigit($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }

    private mutating func parseModifier(name: String, value: [UInt8], text: String) throws(SPFSyntaxError) {
        switch name {
        case "redirect", "exp":
            // Known modifiers are not "unknown-modifier" when malformed (the erratum the
            // test suite follows), and appear at most once (§6).
            guard let spec = SPFMacroString(value), spec.isDomainSpec else {
                throw SPFSyntaxError("\(name)= needs a domain-spec: \(text)")
            }
            if name == "redirect" {
                guard redirect == nil else { throw SPFSyntaxError("redirect= appears twice") }
                redirect = spec
            } else {
                guard explanation == nil else { throw SPFSyntaxError("exp= appears twice") }
                explanation = spec
            }
        default:
            // unknown-modifier = name "=" macro-string: ignored, but must be valid (§6).
            guard SPFMacroString(value) != nil else { throw SPFSyntaxError("invalid macro in \(text)") }
        }
    }

    private static func parseMechanism(_ term: [UInt8], text: String) throws(SPFSyntaxError) -> Term {
        var body = term[...]
        var qualifier = Qualifier.pass
        if let first = body.first, let q = Qualifier(rawValue: first) {
            qualifier = q
            body = body.dropFirst()
        }
        let nameEnd = body.firstIndex { !(Byte.isAlpha($0) || Byte.isDigit($0)) } ?? body.endIndex
        let name = String(decoding: body[..<nameEnd], as: UTF8.self).lowercased()
        let rest = Array(body[nameEnd...])
        func fail(_ why: String) -> SPFSyntaxError { SPFSyntaxError("\(why): \(text)") }
        func domainSpec(_ bytes: ArraySlice<UInt8>) throws(SPFSyntaxError) -> SPFMacroString {
            guard let spec = SPFMacroString(bytes), spec.isDomainSpec else { throw fail("invalid domain-spec") }
            return spec
        }
        func optionalDomain(_ bytes: [UInt8]) throws(SPFSyntaxError) -> SPFMacroString? {
            if bytes.isEmpty { return nil }
            guard bytes.first == Byte.colon else { throw fail("unexpected text") }
            return try domainSpec(bytes.dropFirst())
        }
        func requiredDomain(_ bytes: [UInt8]) throws(SPFSyntaxError) -> SPFMacroString {
            guard bytes.first == Byte.colon else { throw fail("missing domain-spec") }
            return try domainSpec(bytes.dropFirst())
        }

        let mechanism: Mechanism
        switch name {
        case "all":
            guard rest.isEmpty else { throw fail("all takes no argument") }
            mechanism = .all
        case "include":
            mechanism = .include(try requiredDomain(rest))
        case "exists":
            mechanism = .exists(try requiredDomain(rest))
        case "ptr":
            mechanism = .ptr(try optionalDomain(rest))
        case "a", "mx":
            // dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ] at the end.
            var remainder = rest
            var v6 = 128, v4 = 32
            if let (value, prefix) = try splitCIDR(remainder, double: true, maximum: 128, text: text) {
                v6 = value
                remainder = prefix
            }
            if let (value, prefix) = try splitCIDR(remainder, double: false, maximum: 32, text: text) {
                v4 = value
                remainder = prefix
            }
            let spec = try optionalDomain(remainder)
            mechanism = name == "a" ? .a(spec, v4: v4, v6: v6) : .mx(spec, v4: v4, v6: v6)
        case "ip4":
            guard rest.first == Byte.colon else { throw fail("ip4 needs an address") }
            var address = Array(rest.dropFirst())
            var length = 32
            if let (value, prefix) = try splitCIDR(address, double: false, maximum: 32, text: text) {
                length = value
                address = prefix
            }
            // ip4-network: dotted quad without leading zeros (the DNS module's parser).
            guard let ip = IPv4Address(String(decoding: address, as: UTF8.self)) else { throw fail("invalid ip4 network") }
            mechanism = .ip4(ip, length)
        case "ip6":
            guard rest.first == Byte.colon else { throw fail("ip6 needs an address") }
            var address = Array(rest.dropFirst())
            var length = 128
            if let (value, prefix) = try splitCIDR(address, double: false, maximum: 128, text: text) {
                length = value
                address = prefix
            }
            guard let ip = IPv6Address(String(decoding: address, as: UTF8.self)) else { throw fail("invalid ip6 network") }
            mechanism = .ip6(ip, length)
        default:
            throw fail("unknown mechanism")
        }
        return Term(qualifier: qualifier, mechanism: mechanism, text: text)
    }

    /// Splits a trailing `/N` (or `//N` when `double`) off `bytes`: nil when there is
    /// none; a syntax error for leading zeros or a length above `maximum` (§5.6).
    private static func splitCIDR(_ bytes: [UInt8], double: Bool, maximum: Int,
                                  text: String) throws(SPFSyntaxError) -> (Int, [UInt8])? {
        var digitsStart = bytes.endIndex
        while digitsStart > bytes.startIndex, Byte.isDigit(bytes[digitsStart - 1]) { digitsStart -= 1 }
        guard digitsStart < bytes.endIndex, digitsStart > bytes.startIndex, bytes[digitsStart - 1] == 0x2F else { return nil }
        var slashStart = digitsStart - 1
        if double {
            guard slashStart > bytes.startIndex, bytes[slashStart - 1] == 0x2F else { return nil }
            slashStart -= 1
        } else if slashStart > bytes.startIndex, bytes[slashStart - 1] == 0x2F {
            return nil  // `//N` is an ip6-cidr-length, not this one
        }
        let digits = bytes[digitsStart...]
        guard digits.count <= 3, digits.count == 1 || digits.first != 0x30 else {
            throw SPFSyntaxError("invalid CIDR length: \(text)")
        }
        let value = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard value <= maximum else { throw SPFSyntaxError("CIDR length above \(maximum): \(text)") }
        return (value, Array(bytes[..<slashStart]))
    }
}

/// Why a record gives `permerror`.
struct SPFSyntaxError: Error, Sendable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
