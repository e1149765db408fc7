/// An IPv4 address (the RDATA of an A record, RFC 1035 §3.4.1).
public struct IPv4Address: Sendable, Hashable, CustomStringConvertible {
    /// Exactly 4 bytes, network order.
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 else { return nil }
        self.bytes = bytes
    }

    private init(uncheckedBytes: [UInt8]) {
        self.bytes = uncheckedBytes
    }

    /// 127.0.0.1.
    public static let loopback = IPv4Address(uncheckedBytes: [127, 0, 0, 1])

    /// Dotted-quad text; each part decimal 0–255 without leading zeros (so that `010` is
    /// not silently read as octal or decimal).
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                  part == "0" || !part.hasPrefix("0"), let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        self.bytes = bytes
    }

    public var description: String { bytes.map(String.init).joined(separator: ".") }

    /// `d.c.b.a.in-addr.arpa.` (RFC 1035 §3.5).
    public var reverseLookupName: DNSName {
        DNSName(unchecked: bytes.reversed().map { Array(String($0).utf8) } + [Array("in-addr".utf8), Array("arpa".utf8)])
    }
}

/// An IPv6 address (the RDATA of an AAAA record, RFC 3596 §2.2).
public struct IPv6Address: Sendable, Hashable, CustomStringConvertible {
    /// Exactly 16 bytes, network order.
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// RFC 4291 §2.2 text: eight groups of up to four hex digits, one `::` for a run of
    /// zero groups, an optional dotted-quad tail. Zone indexes (`%eth0`) are refused.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 45 else { return nil }
        let colon = UInt8(ascii: ":")
        var gap: Int? = nil
        for index in 0..<(bytes.count - 1) where bytes[index] == colon && bytes[index + 1] == colon {
            guard gap == nil else { return nil }  // a second `::`
            gap = index
        }
        let head: [UInt16], tail: [UInt16]
        if let gap {
            guard let h = Self.groups(bytes[..<gap], allowIPv4Tail: false),
                  let t = Self.groups(bytes[(gap + 2)...], allowIPv4Tail: true),
                  h.count + t.count <= 7 else { return nil }
            head = h
            tail = t
        } else {
            guard let all = Self.groups(bytes[...], allowIPv4Tail: true), all.count == 8 else { return nil }
            head = all
            tail = []
        }
        let words = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        self.bytes = words.flatMap { [UInt8(truncatingIfNeeded: $0 >> 8), UInt8(truncatingIfNeeded: $0)] }
    }

    /// Colon-separated hex groups (the last may be a dotted quad, worth two groups).
    private static func groups(_ piece: ArraySlice<UInt8>, allowIPv4Tail: Bool) -> [UInt16]? {
        if piece.isEmpty { return [] }
        let parts = piece.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        var out: [UInt16] = []
        for (index, part) in parts.enumerated() {
            if index == parts.count - 1, allowIPv4Tail, part.contains(UInt8(ascii: ".")) {
                guard let v4 = IPv4Address(String(decoding: part, as: UTF8.self)) else { return nil }
                out.append(UInt16(v4.bytes[0]) << 8 | UInt16(v4.bytes[1]))
                out.append(UInt16(v4.bytes[2]) << 8 | UInt16(v4.bytes[3]))
                continue
            }
            guard (1...4).contains(part.count), part.allSatisfy(isHexDigit) else { return nil }
            out.append(part.reduce(0) { $0 << 4 | UInt16(hexValue($1)) })
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8 {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        default: return byte &- 0x61 &+ 10
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    private var words: [UInt16] {
        stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
    }

    /// RFC 5952 canonical text: lower case, no leading zeros, the longest run of two or more
    /// zero groups (the first on a tie) as `::`; IPv4-mapped addresses end in dotted quad.
    public var description: String {
        let words = self.words
        if words[0..<5].allSatisfy({ $0 == 0 }), words[5] == 0xFFFF {
            return "::ffff:" + bytes[12...].map(String.init).joined(separator: ".")
        }
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...8 {
            if index < 8 && words[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                let length = index - runStart
                if length > bestLength && length >= 2 { bestStart = runStart; bestLength = length }
                runStart = -1
            }
        }
        func hex(_ range: Range<Int>) -> String {
            words[range].map { String($0, radix: 16) }.joined(separator: ":")
        }
        guard bestStart >= 0 else { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }

    /// The nibble-reversed name under `ip6.arpa.` (RFC 3596 §2.5).
    public var reverseLookupName: DNSName {
        let digits = Array("0123456789abcdef".utf8)
        var labels: [[UInt8]] = []
        for byte in bytes.reversed() {
            labels.append([digits[Int(byte & 0x0F)]])
            labels.append([digits[Int(byte >> 4)]])
        }
        return DNSName(unchecked: labels + [Array("ip6".utf8), Array("arpa".utf8)])
    }
}

/// An IPv4 or IPv6 address.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    case v4(IPv4Address)
    case v6(IPv6Address)

    /// Parses either textual form.
    public init?(_ text: String) {
        if let v4 = IPv4Address(text) {
            self = .v4(v4)
        } else if let v6 = IPv6Address(text) {
            self = .v6(v6)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .v4(let address): return address.description
        case .v6(let address): return address.description
        }
    }

    public var reverseLookupName: DNSName {
        switch self {
        case .v4(let address): return address.reverseLookupName
        case .v6(let address): return address.reverseLookupName
        }
    }

    public var isIPv6: Bool {
        if case .v6 = self { return true }
        return false
    }
}
