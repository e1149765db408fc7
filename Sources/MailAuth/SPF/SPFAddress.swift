import DNS

/// The client address as SPF uses it: IPv4-mapped IPv6 addresses are IPv4 (RFC 7208 §5).
enum SPFAddress {
    static func normalized(_ ip: IPAddress) -> IPAddress {
        if case .v6(let v6) = ip, v6.bytes[0..<10].allSatisfy({ $0 == 0 }), v6.bytes[10] == 0xFF, v6.bytes[11] == 0xFF,
           let v4 = IPv4Address(bytes: Array(v6.bytes[12...])) {
            return .v4(v4)
        }
        return ip
    }

    static func bytes(_ ip: IPAddress) -> [UInt8] {
        switch ip {
        case .v4(let a): return a.bytes
        case .v6(let a): return a.bytes
        }
    }

    /// Whether the first `length` bits of `a` and `b` (same family) agree.
    static func matches(_ a: [UInt8], _ b: [UInt8], length: Int) -> Bool {
        guard a.count == b.count else { return false }
        var bits = min(length, a.count * 8)
        var i = 0
        while bits >= 8 {
            if a[i] != b[i] { return false }
            bits -= 8
            i += 1
        }
        if bits == 0 { return true }
        let mask = UInt8(0xFF) << UInt8(8 - bits)
        return a[i] & mask == b[i] & mask
    }

    /// `%{i}` (§7.3): dotted quad, or for IPv6 the 32 nibbles separated by dots. The
    /// nibbles are upper case, as the RFC 7208 test suite's explanations expect (DNS
    /// names are case-insensitive, so lookups are unaffected).
    static func macroI(_ ip: IPAddress) -> String {
        switch ip {
        case .v4(let a): return a.description
        case .v6(let a):
            let digits = Array("0123456789ABCDEF")
            return a.bytes.flatMap { [String(digits[Int($0 >> 4)]), String(digits[Int($0 & 0x0F)])] }.joined(separator: ".")
        }
    }
}

/// Domain name checks of RFC 7208 §4.3 and §4.8.
enum SPFDomain {
    /// Labels of 1–63 octets, at most 253 octets in all (a trailing dot allowed); with
    /// `multiLabel`, at least two labels, as §4.3 asks of `<domain>`.
    static func isValid(_ name: String, multiLabel: Bool) -> Bool {
        var bytes = Array(name.utf8)
        if bytes.last == 0x2E { bytes.removeLast() }
        guard !bytes.isEmpty, bytes.count <= 253, bytes.first != 0x5B else { return false }
        let labels = bytes.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard labels.allSatisfy({ (1...63).contains($0.count) }) else { return false }
        return !multiLabel || labels.count >= 2
    }

    /// An expanded target name: trailing dot removed, then labels removed from the left
    /// until it fits in 253 octets (§7.3).
    static func truncated(_ bytes: [UInt8]) -> String {
        var name = bytes
        if name.last == 0x2E { name.removeLast() }
        while name.count > 253, let dot = name.firstIndex(of: 0x2E) {
            name.removeSubrange(...dot)
        }
        return String(decoding: name, as: UTF8.self)
    }

    static func isSame(_ name: String, orSubdomainOf domain: String) -> Bool {
        var n = name.lowercased(), d = domain.lowercased()
        while n.hasSuffix(".") { n.removeLast() }
        while d.hasSuffix(".") { d.removeLast() }
        return n == d || n.hasSuffix("." + d)
    }
}
