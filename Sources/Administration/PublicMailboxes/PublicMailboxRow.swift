import Directory

/// A public (shared) mailbox as `public list --json` and `GET /api/v1/public-mailboxes` show it.
public struct PublicMailboxRow: Codable, Sendable, Hashable {
    public var name: String
    /// The owning groups, sorted.
    public var groups: [String]

    public init(name: String, groups: [String]) {
        self.name = name
        self.groups = groups
    }

    init(_ p: PublicMailbox) {
        self.init(name: p.name, groups: p.groups)
    }
}
