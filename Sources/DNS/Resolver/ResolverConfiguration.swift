/// Where and how persistently to ask.
public struct ResolverConfiguration: Sendable, Hashable {
    /// Tried in order, `attempts` rounds.
    public var nameservers: [NameserverAddress]
    /// How long to wait for each answer.
    public var timeout: Duration
    /// Rounds over the nameservers before giving up.
    public var attempts: Int
    /// The EDNS0 UDP payload size advertised in queries.
    public var udpPayloadSize: UInt16
    /// Most CNAME records followed for one lookup.
    public var maximumCNAMEChain: Int

    /// glibc's defaults (resolv.conf(5)): 5 seconds, 2 attempts.
    public static let defaultTimeout: Duration = .seconds(5)
    public static let defaultAttempts = 2
    /// resolv.conf(5) caps `timeout:` at 30 seconds and `attempts:` at 5.
    static let maximumTimeoutSeconds = 30
    static let maximumAttempts = 5
    /// glibc reads at most three nameserver lines (MAXNS).
    static let maximumResolvConfNameservers = 3

    public init(nameservers: [NameserverAddress], timeout: Duration = defaultTimeout,
                attempts: Int = defaultAttempts, udpPayloadSize: UInt16 = EDNS.defaultUDPPayloadSize,
                maximumCNAMEChain: Int = 8) {
        self.nameservers = nameservers
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.udpPayloadSize = udpPayloadSize
        self.maximumCNAMEChain = maximumCNAMEChain
    }

    /// Reads resolv.conf(5) text: `nameserver` lines (IPv4 or IPv6; link-local ones with a
    /// `%zone` are skipped) and `options timeout:N attempts:N`. Everything else (search
    /// lists, `domain`, `ndots`) is ignored: mail domains are always fully qualified
    /// (RFC 5321 §5.1). No usable nameserver means the local one, as in glibc.
    public static func parseResolvConf(_ text: String) -> ResolverConfiguration {
        var servers: [NameserverAddress] = []
        var timeout = defaultTimeout
        var attempts = defaultAttempts
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let words = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let keyword = words.first, !keyword.hasPrefix("#"), !keyword.hasPrefix(";") else { continue }
            switch keyword {
            case "nameserver":
                guard words.count >= 2, servers.count < maximumResolvConfNameservers,
                      let address = IPAddress(String(words[1])) else { continue }
                servers.append(NameserverAddress(address: address))
            case "options":
                for option in words.dropFirst() {
                    if let value = numericOption(option, "timeout:") {
                        timeout = .seconds(min(max(value, 1), maximumTimeoutSeconds))
                    } else if let value = numericOption(option, "attempts:") {
                        attempts = min(max(value, 1), maximumAttempts)
                    }
                }
            default:
                continue
            }
        }
        if servers.isEmpty {
            servers = [NameserverAddress(address: .v4(.loopback))]
        }
        return ResolverConfiguration(nameservers: servers, timeout: timeout, attempts: attempts)
    }

    private static func numericOption(_ word: Substring, _ prefix: String) -> Int? {
        guard word.hasPrefix(prefix) else { return nil }
        let digits = word.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.count <= 6, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(digits)
    }
}
