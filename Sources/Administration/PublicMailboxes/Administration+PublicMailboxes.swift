import Directory

extension Administration {
    /// Every public mailbox, sorted by name.
    public func publicMailboxes() throws(AdminError) -> [PublicMailboxRow] {
        try directoryCall { () throws(DirectoryError) in try directory.publicMailboxes() }.map(PublicMailboxRow.init)
    }

    /// One public mailbox (case-insensitive).
    public func publicMailbox(_ name: String) throws(AdminError) -> PublicMailboxRow {
        guard let found = try directoryCall({ () throws(DirectoryError) in try directory.publicMailbox(named: name) }) else {
            throw AdminError(DirectoryError.notFound(.publicMailbox, name.lowercased()))
        }
        return PublicMailboxRow(found)
    }

    /// Adds a public mailbox owned by one or more groups.
    @discardableResult
    public func addPublicMailbox(_ name: String, groups: [String]) throws(AdminError) -> PublicMailboxRow {
        guard !groups.isEmpty else { throw .invalidInput("a public mailbox needs at least one owning group") }
        return PublicMailboxRow(try directoryCall { () throws(DirectoryError) in try directory.addPublicMailbox(name, groups: groups) })
    }

    /// Replaces the owning groups.
    @discardableResult
    public func setPublicMailboxGroups(_ name: String, groups: [String]) throws(AdminError) -> PublicMailboxRow {
        guard !groups.isEmpty else { throw .invalidInput("a public mailbox needs at least one owning group") }
        try directoryCall { () throws(DirectoryError) in try directory.setPublicMailboxGroups(name, groups: groups) }
        return try publicMailbox(name)
    }

    /// Removes the public mailbox; its stored mail stays on disk.
    public func removePublicMailbox(_ name: String) throws(AdminError) {
        try directoryCall { () throws(DirectoryError) in try directory.removePublicMailbox(name) }
    }
}
