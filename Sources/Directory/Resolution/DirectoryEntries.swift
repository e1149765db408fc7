import MailCore

/// The directory rows recipient resolution reads, from one consistent view (the SQLite
/// directory: one read transaction; the in-memory one: a copy of its state). The rules of
/// `RecipientResolver` run over it, so every directory resolves the same way.
///
/// Synchronous `throws`: a view lives inside one read transaction, and the resolver's
/// recursive expansion reads it row by row; a failure surfaces as the
/// `DirectoryError.storage` of the `MailDirectory` method that opened the view.
public protocol DirectoryEntries {
    /// The setting's value, or its default when it was never set (as `SettingsStore.get`).
    func setting(_ key: SettingKey) throws -> String
    /// The domain named `name` (lowercased, no trailing dot), enabled or not.
    func domain(named name: String) throws -> Domain?
    /// The alias `local@domain` (`domain` nil: the every-domain alias `local@*`).
    func alias(local: String, domain: String?) throws -> DirectoryAliasKey?
    /// The alias's destinations in their order.
    func destinations(ofAlias id: Int64) throws -> [AddressDestination]
    func hasUser(_ name: String) throws -> Bool
    /// The user's forwards in their order and whether a copy stays in their mailbox.
    func delivery(ofUser name: String) throws -> (forwards: [EmailAddress], keepCopy: Bool)
    /// Whether the group's automatic address is switched on; nil when there is no such group.
    func groupAddressEnabled(_ name: String) throws -> Bool?
    /// The group's members, sorted.
    func members(ofGroup name: String) throws -> [String]
    /// The administrators' names, sorted.
    func administrators() throws -> [String]
}

/// An alias as resolution sees it: its identity (for cycle detection) and its restriction.
public struct DirectoryAliasKey: Sendable, Hashable {
    public var id: Int64
    public var internalOnly: Bool

    public init(id: Int64, internalOnly: Bool) {
        self.id = id
        self.internalOnly = internalOnly
    }
}

/// Resolution over any directory's entries: what `MailDirectory.resolve` and
/// `isSenderAllowed` do once they hold a consistent view.
public enum RecipientResolution {
    /// Where a message to `address` goes, or why it is refused. See `RecipientResolver`.
    public static func resolve(_ address: String, sender: SenderContext, in entries: some DirectoryEntries) throws -> Resolution {
        var resolver = try RecipientResolver(entries)
        return try resolver.resolve(address, sender: sender)
    }

    /// True when `address` is one of the user's own addresses: it leads to that user
    /// directly or through aliases or groups (whether or not the user forwards their mail).
    /// A catch-all does not make every address of a domain the catch-all owner's.
    public static func isSenderAllowed(_ address: String, forUser name: String, in entries: some DirectoryEntries) throws -> Bool {
        let user = name.lowercased()
        var resolver = try RecipientResolver(entries)
        let outcome = try resolver.resolveTop(address, sender: .authenticated(user: user), allowCatchAll: false)
        guard let expansion = outcome.expansion, !expansion.viaCatchAll else { return false }
        return expansion.users.contains(user)
    }
}
