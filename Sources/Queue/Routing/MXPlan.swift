/// Where mail for a domain goes, worked out from its MX records (RFC 5321 §5.1).
public enum MXPlan: Hashable, Sendable {
    /// Hosts to try in order: MX records by preference, the order among equal preferences
    /// random to spread the load; or the domain itself when it has no MX (implicit MX).
    case hosts([String])
    /// RFC 7505 null MX: the domain accepts no mail. Bounce at once with 5.1.10.
    case nullMX

    /// Builds the plan. A null MX among real exchanges is ignored (RFC 7505 §3 forbids the
    /// mix); the same host listed twice is tried once, at its best preference.
    public static func from<G: RandomNumberGenerator>(domain: String, records: [MXRecord],
                                                      using generator: inout G) -> MXPlan {
        guard !records.isEmpty else { return .hosts([domain]) }
        let real = records.filter { !$0.isNull }
        guard !real.isEmpty else { return .nullMX }
        var best: [String: Int] = [:]
        for record in real {
            let host = normalized(record.exchange)
            best[host] = min(best[host] ?? .max, record.preference)
        }
        var hosts: [String] = []
        for preference in Set(best.values).sorted() {
            var equal = best.filter { $0.value == preference }.map(\.key).sorted()
            equal.shuffle(using: &generator)
            hosts += equal
        }
        return .hosts(hosts)
    }

    public static func from(domain: String, records: [MXRecord]) -> MXPlan {
        var generator = SystemRandomNumberGenerator()
        return from(domain: domain, records: records, using: &generator)
    }

    /// Lower case, no trailing dot.
    static func normalized(_ host: String) -> String {
        var name = host.lowercased()
        while name.hasSuffix(".") { name.removeLast() }
        return name
    }
}
