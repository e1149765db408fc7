/// RFC 5321 §4.1.3 address literals: the text between `[` and `]` in place of a domain.
enum AddressLiteral: Hashable, Sendable {
    case ipv4([UInt8])
    case ipv6([UInt16])
    /// `General-address-literal = Standardized-tag ":" 1*dcontent`.
    case general(tag: String, content: String)

    /// RFC 5321 §4.1.3 `dcontent`: printable ASCII except `[`, `\`, `]`.
    static func isDcontent(_ b: UInt8) -> Bool {
        (33...90).contains(b) || (94...126).contains(b)
    }

    /// Parses the content of a literal (without brackets).
    static func parse(_ content: String) throws(AddressSyntaxError) -> AddressLiteral {
        let shown = "[" + content + "]"
        guard !content.isEmpty else { throw AddressSyntaxError("the address literal [] is empty") }
        guard let colon = content.firstIndex(of: ":") else {
            guard content.utf8.allSatisfy({ $0 == AddressCharacters.dot || (0x30...0x39).contains($0) }) else {
                throw AddressSyntaxError("the address literal \(AddressCharacters.quote(shown)) is neither an IPv4 address nor a tagged literal such as [IPv6:2001:db8::1]")
            }
            return .ipv4(try parseIPv4(Substring(content), shown: shown))
        }
        let tag = content[..<colon]
        let value = content[content.index(after: colon)...]
        guard !tag.isEmpty else {
            throw AddressSyntaxError("the address literal \(AddressCharacters.quote(shown)) has an empty tag before \":\"")
        }
        // Standardized-tag = Ldh-str: letters, digits and hyphens, ending in a letter or digit.
        guard tag.utf8.allSatisfy({ AddressCharacters.isLetterOrDigit($0) || $0 == AddressCharacters.hyphen }),
              !tag.hasSuffix("-") else {
            throw AddressSyntaxError("the address literal tag \(AddressCharacters.quote(tag)) must consist of letters, digits and hyphens")
        }
        // ABNF strings are case-insensitive (RFC 5234 §2.3), so "ipv6:" is the IPv6 tag too.
        if tag.lowercased() == "ipv6" {
            return .ipv6(try parseIPv6(value, shown: shown))
        }
        guard !value.isEmpty else {
            throw AddressSyntaxError("the address literal \(AddressCharacters.quote(shown)) has nothing after its tag")
        }
        return .general(tag: String(tag), content: String(value))
    }

    /// `Snum 3("." Snum)`, each Snum 1–3 digits in 0…255.
    private static func parseIPv4(_ text: Substring, shown: String) throws(AddressSyntaxError) -> [UInt8] {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else {
            throw AddressSyntaxError("the IPv4 address literal \(AddressCharacters.quote(shown)) must have four numbers separated by dots")
        }
        var octets: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.utf8.count), part.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                  let value = Int(part) else {
                throw AddressSyntaxError("the IPv4 address literal \(AddressCharacters.quote(shown)) must have four numbers of 1 to 3 digits")
            }
            guard value <= 255 else {
                throw AddressSyntaxError("the IPv4 address literal \(AddressCharacters.quote(shown)) contains \(value), which is greater than 255")
            }
            octets.append(UInt8(value))
        }
        return octets
    }

    /// RFC 5321 §4.1.3 IPv6-addr (full, compressed, and with a trailing IPv4 part). "::" may
    /// stand for a single group as RFC 4291 allows, slightly more than RFC 5321's grammar.
    private static func parseIPv6(_ text: Substring, shown: String) throws(AddressSyntaxError) -> [UInt16] {
        func invalid(_ why: String) -> AddressSyntaxError {
            AddressSyntaxError("the IPv6 address literal \(AddressCharacters.quote(shown)) is invalid: \(why)")
        }
        guard !text.isEmpty else { throw invalid("the address is missing") }

        // Split at the one "::", if any.
        var head = text
        var tail: Substring? = nil
        if let range = text.firstRange(of: "::") {
            head = text[..<range.lowerBound]
            tail = text[range.upperBound...]
            if tail!.contains("::") { throw invalid("\"::\" may appear only once") }
        }

        func groups(_ part: Substring, mayEndWithIPv4: Bool) throws(AddressSyntaxError) -> [UInt16] {
            guard !part.isEmpty else { return [] }
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            var result: [UInt16] = []
            for (index, piece) in pieces.enumerated() {
                if piece.contains(".") {
                    guard mayEndWithIPv4, index == pieces.count - 1 else {
                        throw invalid("an IPv4 part may only come last")
                    }
                    let v4 = try parseIPv4(piece, shown: shown)
                    result.append(UInt16(v4[0]) << 8 | UInt16(v4[1]))
                    result.append(UInt16(v4[2]) << 8 | UInt16(v4[3]))
                    continue
                }
                guard !piece.isEmpty else { throw invalid("it has an empty group") }
                guard piece.utf8.count <= 4, piece.utf8.allSatisfy(AddressCharacters.isHexDigit),
                      let value = UInt16(piece, radix: 16) else {
                    throw invalid("\(AddressCharacters.quote(piece, limit: 10)) is not a group of 1 to 4 hex digits")
                }
                result.append(value)
            }
            return result
        }

        if let tail {
            let first = try groups(head, mayEndWithIPv4: false)
            let last = try groups(tail, mayEndWithIPv4: true)
            guard first.count + last.count <= 7 else { throw invalid("too many groups around \"::\"") }
            return first + Array(repeating: 0, count: 8 - first.count - last.count) + last
        }
        let all = try groups(head, mayEndWithIPv4: true)
        guard all.count == 8 else { throw invalid("it has \(all.count) groups of the 8 required (or use \"::\")") }
        return all
    }

    /// Canonical text without brackets: IPv4 without leading zeros, IPv6 per RFC 5952
    /// (lowercase, longest zero run as "::", IPv4-mapped in dotted form), general as given.
    var canonicalText: String {
        switch self {
        case .ipv4(let octets):
            return octets.map(String.init).joined(separator: ".")
        case .ipv6(let groups):
            return "IPv6:" + Self.format(ipv6: groups)
        case .general(let tag, let content):
            return tag + ":" + content
        }
    }

    private static func format(ipv6 groups: [UInt16]) -> String {
        // RFC 5952 §5: ::ffff:a.b.c.d for IPv4-mapped addresses.
        if groups[0..<5].allSatisfy({ $0 == 0 }) && groups[5] == 0xFFFF {
            return "::ffff:\(groups[6] >> 8).\(groups[6] & 0xFF).\(groups[7] >> 8).\(groups[7] & 0xFF)"
        }
        // RFC 5952 §4.2: compress the longest run of two or more zero groups, the first on ties.
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...8 {
            if index < 8 && groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength { bestStart = runStart; bestLength = index - runStart }
                runStart = -1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestLength >= 2 else { return hex.joined(separator: ":") }
        let left = hex[..<bestStart].joined(separator: ":")
        let right = hex[(bestStart + bestLength)...].joined(separator: ":")
        return left + "::" + right
    }
}
