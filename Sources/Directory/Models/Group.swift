/// A set of users. Its automatic address `name@domain` exists when the `groups.addresses`
/// setting is on and `addressEnabled` is true; each member then gets a copy according to
/// their own delivery preferences (forwards, keep copy).
public struct Group: Sendable, Hashable {
    public var name: String
    public var addressEnabled: Bool
    /// User names, sorted.
    public var members: [String]
}

/// A shared mailbox (`mail/public/<name>`), owned by zero or more groups whose members get
/// access through ACLs.
public struct PublicMailbox: Sendable, Hashable {
    public var name: String
    /// Owner group names, sorted.
    public var groups: [String]
}
