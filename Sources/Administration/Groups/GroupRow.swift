import Directory

/// A group as `group list --json` and `GET /api/v1/groups` show it.
public struct GroupRow: Codable, Sendable, Hashable {
    public var name: String
    /// Whether the group's automatic group@domain address is on.
    public var address_enabled: Bool
    /// User names, sorted.
    public var members: [String]

    public init(name: String, address_enabled: Bool = true, members: [String] = []) {
        self.name = name
        self.address_enabled = address_enabled
        self.members = members
    }

    init(_ g: Group) {
        self.init(name: g.name, address_enabled: g.addressEnabled, members: g.members)
    }
}
