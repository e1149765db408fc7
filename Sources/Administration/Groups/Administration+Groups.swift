import Directory

extension Administration {
    /// Every group with its members, sorted by name.
    public func groups() throws(AdminError) -> [GroupRow] {
        try directoryCall { () throws(DirectoryError) in try directory.groups() }.map(GroupRow.init)
    }

    /// One group (case-insensitive).
    public func group(_ name: String) throws(AdminError) -> GroupRow {
        guard let found = try directoryCall({ () throws(DirectoryError) in try directory.group(named: name) }) else {
            throw AdminError(DirectoryError.notFound(.group, name.lowercased()))
        }
        return GroupRow(found)
    }

    @discardableResult
    public func addGroup(_ name: String) throws(AdminError) -> GroupRow {
        GroupRow(try directoryCall { () throws(DirectoryError) in try directory.addGroup(name) })
    }

    /// Refused while an address or a public mailbox uses the group.
    public func removeGroup(_ name: String) throws(AdminError) {
        try directoryCall { () throws(DirectoryError) in try directory.removeGroup(name) }
    }

    public func addMember(group: String, user: String) throws(AdminError) {
        try directoryCall { () throws(DirectoryError) in try directory.addMember(group: group, user: user) }
    }

    public func removeMember(group: String, user: String) throws(AdminError) {
        try directoryCall { () throws(DirectoryError) in try directory.removeMember(group: group, user: user) }
    }

    /// Switches the group's automatic group@domain address (used when `groups.addresses` is on).
    public func setGroupAddress(_ name: String, enabled: Bool) throws(AdminError) {
        try directoryCall { () throws(DirectoryError) in try directory.setGroupAddress(name, enabled: enabled) }
    }
}
