#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 network (`192.0.2.0/24`, `::1/128`; a bare address is a host
/// network), used by the relay and trusted-network settings.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// 4 or 16 bytes, host bits cleared.
    public let bytes: [UInt8]
    public let prefixLength: Int

    public static func parse(_ text: String) -> IPNetwork? {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = parseAddress(String(parts[0])) else { return nil }
        var prefix = address.count * 8
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(Text.isDigit),
                  let p = Int(parts[1]), p <= address.count * 8 else { return nil }
            prefix = p
        }
        return IPNetwork(bytes: mask(address, prefix), prefixLength: prefix)
    }

    /// True when `address` (textual IPv4 or IPv6) is inside the network. An IPv4-mapped
    /// IPv6 address (`::ffff:192.0.2.1`, what a dual-stack socket reports) matches IPv4
    /// networks.
    public func contains(_ address: String) -> Bool {
        guard let parsed = Self.parseAddress(address) else { return false }
        return contains(bytes: parsed)
    }

    public func contains(bytes address: [UInt8]) -> Bool {
        var candidate = address
        if candidate.count == 16, bytes.count == 4,
           candidate[0..<10].allSatisfy({ $0 == 0 }), candidate[10] == 0xFF, candidate[11] == 0xFF {
            candidate = Array(candidate[12...])
        }
        guard candidate.count == bytes.count else { return false }
        return Self.mask(candidate, prefixLength) == bytes
    }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: 64)
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let text: String = bytes.withUnsafeBytes { raw in
            guard inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil else { return "?" }
            return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return "\(text)/\(prefixLength)"
    }

    /// The 4 or 16 bytes of a textual IP address, or nil.
    static func parseAddress(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    private static func mask(_ address: [UInt8], _ prefix: Int) -> [UInt8] {
        var out = address
        for i in out.indices {
            let bitsHere = max(0, min(8, prefix - i * 8))
            out[i] &= bitsHere == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - bitsHere))
        }
        return out
    }
}

/// An IP address with an optional port, e.g. a DNS server.
public struct NetworkEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var address: String
    public var port: Int?

    public static func parse(_ text: String) -> NetworkEndpoint? {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let host = String(text[text.index(after: text.startIndex)..<close])
            guard let bytes = IPNetwork.parseAddress(host), bytes.count == 16 else { return nil }
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return NetworkEndpoint(address: host, port: nil) }
            guard rest.first == ":", let port = Int(rest.dropFirst()), (1...65535).contains(port) else { return nil }
            return NetworkEndpoint(address: host, port: port)
        }
        if IPNetwork.parseAddress(text) != nil { return NetworkEndpoint(address: text, port: nil) }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let bytes = IPNetwork.parseAddress(String(parts[0])), bytes.count == 4,
              let port = Int(parts[1]), (1...65535).contains(port) else { return nil }
        return NetworkEndpoint(address: String(parts[0]), port: port)
    }

    public var description: String {
        guard let port else { return address }
        return address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)"
    }
}
