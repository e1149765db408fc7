import DNS

/// A fixed zone for tests and offline checks: records by owner name (case-insensitive,
/// trailing dot ignored). A name with no records at all is NXDOMAIN; a name that has
/// records of other types answers "no data"; names in `failing` answer a temporary
/// failure. CNAMEs are not followed (give the records at the name asked).
public struct StaticMailAuthDNS: MailAuthDNS {
    private var zone: [String: [RecordData]] = [:]
    private var failing: Set<String> = []

    public init(records: [String: [RecordData]] = [:], failing: Set<String> = []) {
        for (name, list) in records { zone[Self.key(name), default: []].append(contentsOf: list) }
        self.failing = Set(failing.map(Self.key))
    }

    /// Adds records at `name`.
    public mutating func add(_ name: String, _ records: RecordData...) {
        zone[Self.key(name), default: []].append(contentsOf: records)
    }

    /// Adds a TXT record holding `text` (split into 255-byte strings).
    public mutating func addTXT(_ name: String, _ text: String) {
        add(name, .txt(TXTRecord(text: text)))
    }

    /// Makes every question about `name` fail temporarily.
    public mutating func fail(_ name: String) {
        failing.insert(Self.key(name))
    }

    public func query(_ name: String, _ type: DNSRecordType) async -> MailAuthDNSAnswer {
        let key = Self.key(name)
        if failing.contains(key) { return .temporaryFailure("\(name): simulated failure") }
        guard let records = zone[key], !records.isEmpty else { return .nonexistentDomain }
        let matching = records.filter { $0.type == type }
        return matching.isEmpty ? .noData : .records(matching)
    }

    private static func key(_ name: String) -> String {
        var n = name.lowercased()
        while n.hasSuffix(".") { n.removeLast() }
        return n
    }
}
