/// The outcome of looking up the TXT records at a name.
public enum DKIMKeyLookup: Sendable, Hashable {
    /// The records found, each with its character-strings already concatenated
    /// (RFC 6376 §3.6.2.2).
    case records([String])
    /// The name does not exist or has no TXT record (NXDOMAIN, NODATA).
    case notFound
    /// The lookup did not complete (timeout, SERVFAIL): worth retrying later.
    case temporaryFailure(String)
}

/// Where DKIM public keys come from: TXT records at `selector._domainkey.domain`.
/// The DNS resolver implements it for live traffic; tests and the CLI use fixed records.
public protocol DKIMKeyFetcher: Sendable {
    func lookUpTXT(_ name: String) async -> DKIMKeyLookup
}

/// Keys given up front, by record name (case-insensitive, trailing dot ignored).
public struct StaticDKIMKeyFetcher: DKIMKeyFetcher {
    private let records: [String: [String]]

    public init(records: [String: [String]]) {
        var normalized: [String: [String]] = [:]
        for (name, values) in records { normalized[Self.normalize(name), default: []].append(contentsOf: values) }
        self.records = normalized
    }

    public func lookUpTXT(_ name: String) async -> DKIMKeyLookup { lookUp(name) }

    /// The synchronous form, for callers that are not async.
    public func lookUp(_ name: String) -> DKIMKeyLookup {
        guard let values = records[Self.normalize(name)], !values.isEmpty else { return .notFound }
        return .records(values)
    }

    private static func normalize(_ name: String) -> String {
        var n = name.asciiLowercased
        while n.hasSuffix(".") { n.removeLast() }
        return n
    }
}
