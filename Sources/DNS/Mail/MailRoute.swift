/// One mail exchanger of a domain.
public struct MailExchanger: Sendable, Hashable {
    public var preference: UInt16
    public var host: DNSName

    public init(preference: UInt16, host: DNSName) {
        self.preference = preference
        self.host = host
    }
}

/// Where mail for a domain goes (RFC 5321 §5.1).
public enum MailRoute: Sendable, Hashable {
    /// The MX hosts in the order to try them.
    case exchangers([MailExchanger])
    /// RFC 7505 null MX (a lone MX with the root as exchange): the domain accepts no
    /// mail; bounce at once (RFC 7505 §4.1, status 5.1.10).
    case nullMX
    /// The domain has no MX records: it is its own mail exchanger (the implicit MX of
    /// RFC 5321 §5.1, preference 0).
    case implicit(DNSName)

    /// The hosts to connect to, in order; empty for a null MX.
    public var hosts: [DNSName] {
        switch self {
        case .exchangers(let exchangers): return exchangers.map(\.host)
        case .nullMX: return []
        case .implicit(let host): return [host]
        }
    }

    /// Builds the route from a domain's MX records: sorted by preference, equal
    /// preferences shuffled to spread the load (RFC 5321 §5.1), duplicate hosts kept once
    /// at their best preference. A root exchange among real ones is unusable and dropped
    /// (RFC 7505 §3 forbids the mix); only root exchanges make a null MX.
    public static func from<G: RandomNumberGenerator>(domain: DNSName, records: [MXRecord],
                                                      using generator: inout G) -> MailRoute {
        guard !records.isEmpty else { return .implicit(domain) }
        var best: [DNSName: UInt16] = [:]
        var order: [DNSName] = []
        for record in records where !record.exchange.isRoot {
            if let known = best[record.exchange] {
                best[record.exchange] = min(known, record.preference)
            } else {
                best[record.exchange] = record.preference
                order.append(record.exchange)
            }
        }
        guard !order.isEmpty else { return .nullMX }
        var groups: [UInt16: [DNSName]] = [:]
        for host in order {
            groups[best[host] ?? 0, default: []].append(host)
        }
        var exchangers: [MailExchanger] = []
        for preference in groups.keys.sorted() {
            let hosts = (groups[preference] ?? []).shuffled(using: &generator)
            exchangers += hosts.map { MailExchanger(preference: preference, host: $0) }
        }
        return .exchangers(exchangers)
    }

    public static func from(domain: DNSName, records: [MXRecord]) -> MailRoute {
        var generator = SystemRandomNumberGenerator()
        return from(domain: domain, records: records, using: &generator)
    }
}
