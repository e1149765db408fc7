/// A DNS server to ask: an IP address and a port (53 unless told otherwise).
public struct NameserverAddress: Sendable, Hashable, CustomStringConvertible {
    public var address: IPAddress
    public var port: Int

    public init(address: IPAddress, port: Int = 53) {
        self.address = address
        self.port = port
    }

    /// Parses `HOST[:PORT]`: `192.0.2.53`, `192.0.2.53:5353`, `2001:db8::1`, `[::1]:5353`
    /// or `[::1]`. Host names are refused: a resolver cannot look up its own servers.
    public init?(_ text: String) {
        let text = text.trimmingWhitespace()
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"),
                  let v6 = IPv6Address(String(text[text.index(after: text.startIndex)..<close])) else { return nil }
            let rest = text[text.index(after: close)...]
            if rest.isEmpty {
                self.init(address: .v6(v6))
                return
            }
            guard rest.first == ":", let port = Self.port(rest.dropFirst()) else { return nil }
            self.init(address: .v6(v6), port: port)
            return
        }
        if let address = IPAddress(text) {
            self.init(address: address)
            return
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let v4 = IPv4Address(String(parts[0])), let port = Self.port(parts[1]) else { return nil }
        self.init(address: .v4(v4), port: port)
    }

    /// Parses a comma-separated list such as the `dns.nameserver` setting. Nil when an item
    /// is not an address; an empty list for blank text.
    public static func parseList(_ text: String) -> [NameserverAddress]? {
        var servers: [NameserverAddress] = []
        for item in text.split(separator: ",") {
            let trimmed = String(item).trimmingWhitespace()
            if trimmed.isEmpty { continue }
            guard let server = NameserverAddress(trimmed) else { return nil }
            servers.append(server)
        }
        return servers
    }

    private static func port(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 5, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let port = Int(text), (1...65_535).contains(port) else { return nil }
        return port
    }

    /// `192.0.2.53:5353`, `[2001:db8::1]:53`.
    public var description: String {
        switch address {
        case .v4(let v4): return "\(v4):\(port)"
        case .v6(let v6): return "[\(v6)]:\(port)"
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
