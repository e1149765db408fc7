/// A shared mailbox (`mail/public/<name>`), owned by zero or more groups whose members get
/// access through ACLs.
public struct PublicMailbox: Sendable, Hashable {
    public var name: String
    /// Owner group names, sorted.
    public var groups: [String]

    public init(name: String, groups: [String] = []) {
        self.name = name
        self.groups = groups
    }
}
