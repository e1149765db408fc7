/// The records found for a question, after following CNAMEs.
public struct DNSAnswer: Sendable, Hashable {
    /// The name asked about.
    public var name: DNSName
    public var type: DNSRecordType
    /// Where the CNAME chain ended (`name` when there was none).
    public var canonicalName: DNSName
    /// The CNAME records followed, in order.
    public var aliases: [DNSResourceRecord]
    /// The records of `type` owned by `canonicalName`.
    public var records: [DNSResourceRecord]
    /// Every response used had the AD bit: the resolver validated them with DNSSEC. Only
    /// meaningful with a trusted (local) resolver (RFC 7672 §2.1.1).
    public var authenticated: Bool

    public init(name: DNSName, type: DNSRecordType, canonicalName: DNSName, aliases: [DNSResourceRecord],
                records: [DNSResourceRecord], authenticated: Bool) {
        self.name = name
        self.type = type
        self.canonicalName = canonicalName
        self.aliases = aliases
        self.records = records
        self.authenticated = authenticated
    }

    /// The smallest TTL of the records and aliases: how long the answer as a whole holds.
    public var ttl: UInt32 {
        (aliases + records).map(\.ttl).min() ?? 0
    }
}
