import Directory

extension Administration {
    /// Every domain, sorted by name.
    public func domains() throws(AdminError) -> [DomainRow] {
        try directoryCall { () throws(DirectoryError) in try directory.domains() }.map(DomainRow.init)
    }

    /// One domain (case-insensitive).
    public func domain(_ name: String) throws(AdminError) -> DomainRow {
        guard let found = try directoryCall({ () throws(DirectoryError) in try directory.domain(named: name) }) else {
            throw .notFound("unknown domain \(name)")
        }
        return DomainRow(found)
    }

    /// Adds a domain that delivers locally, or with `relayTo` passes its mail on to that server.
    @discardableResult
    public func addDomain(_ name: String, relayTo: RelayTarget? = nil) throws(AdminError) -> DomainRow {
        DomainRow(try directoryCall { () throws(DirectoryError) in try directory.addDomain(name, relayTo: relayTo) })
    }

    /// Removes a domain: its mail is refused from now on; stored mail stays.
    public func removeDomain(_ name: String) throws(AdminError) {
        try directoryCall { () throws(DirectoryError) in try directory.removeDomain(name) }
    }

    @discardableResult
    public func updateDomain(_ name: String, _ changes: DomainChanges) throws(AdminError) -> DomainRow {
        let update = DomainUpdate(catchAll: changes.catchAll, copyTo: changes.copyTo, dkimEnabled: changes.dkim,
                                  disclaimer: changes.disclaimer)
        try directoryCall { () throws(DirectoryError) in try directory.updateDomain(name, update) }
        return try domain(name)
    }
}
