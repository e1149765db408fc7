import Directory

/// An address (alias) as `address list --json` and `GET /api/v1/addresses` show it.
public struct AddressRow: Codable, Sendable, Hashable {
    /// `local@domain`, or `local@*` for every local domain.
    public var address: String
    public var local_part: String
    /// null: bound to every local domain.
    public var domain: String?
    /// `user:NAME`, `group:NAME`, `public:NAME` or an email address.
    public var destinations: [String]
    /// Accepts mail only from local senders.
    public var `internal`: Bool

    public init(address: String, local_part: String, domain: String?, destinations: [String], internal: Bool = false) {
        self.address = address
        self.local_part = local_part
        self.domain = domain
        self.destinations = destinations
        self.internal = `internal`
    }

    init(_ a: Address) {
        self.init(address: a.spec, local_part: a.localPart, domain: a.domain,
                  destinations: a.destinations.map(\.description), internal: a.internalOnly)
    }
}
