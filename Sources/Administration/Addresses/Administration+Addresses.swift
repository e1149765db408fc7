import Directory

extension Administration {
    /// Every address, sorted by local part and domain.
    public func addresses() throws(AdminError) -> [AddressRow] {
        try directoryCall { () throws(DirectoryError) in try directory.addresses() }.map(AddressRow.init)
    }

    /// One address as listed (`info@example.com`, `sales@*` or `sales`).
    public func address(_ spec: String) throws(AdminError) -> AddressRow {
        guard let found = try directoryCall({ () throws(DirectoryError) in try directory.address(spec) }) else {
            throw AdminError(DirectoryError.notFound(.address, spec.lowercased()))
        }
        return AddressRow(found)
    }

    /// Adds an address: `LOCAL@DOMAIN` for one domain, `LOCAL` or `LOCAL@*` for every local
    /// domain. Destinations as `AdminInput.destination` reads them.
    @discardableResult
    public func addAddress(_ spec: String, destinations: [AddressDestination], internal: Bool = false) throws(AdminError) -> AddressRow {
        guard !destinations.isEmpty else { throw .invalidInput("an address needs at least one destination") }
        return AddressRow(try directoryCall { () throws(DirectoryError) in
            try directory.addAddress(spec, destinations: destinations, internalOnly: `internal`)
        })
    }

    /// Replaces the destinations and/or the internal flag; nil stays as it is.
    @discardableResult
    public func updateAddress(_ spec: String, destinations: [AddressDestination]? = nil, internal: Bool? = nil) throws(AdminError) -> AddressRow {
        if let destinations, destinations.isEmpty { throw .invalidInput("an address needs at least one destination") }
        try directoryCall { () throws(DirectoryError) in
            try directory.updateAddress(spec, destinations: destinations, internalOnly: `internal`)
        }
        return try address(spec)
    }

    public func removeAddress(_ spec: String) throws(AdminError) {
        try directoryCall { () throws(DirectoryError) in try directory.removeAddress(spec) }
    }
}
