import Directory
import Foundation

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
    /// A name without a dot (`example`) is almost always a mistake for `example.com`: it is
    /// refused unless `allowSingleLabel`.
    @discardableResult
    public func addDomain(_ name: String, relayTo: RelayTarget? = nil, allowSingleLabel: Bool = false) throws(AdminError) -> DomainRow {
        let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
        // Only a well-formed label is refused here; anything else gets the directory's "invalid".
        let label = !trimmed.isEmpty && trimmed.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            && trimmed.first != "-" && trimmed.last != "-"
        if !allowSingleLabel, label {
            throw .invalidInput("domain \(trimmed) has no dot (did you mean \(trimmed).com?); pass --allow-single-label to add a single-label domain")
        }
        return DomainRow(try directoryCall { () throws(DirectoryError) in try directory.addDomain(name, relayTo: relayTo) })
    }

    /// Removes a domain: its mail is refused from now on; stored mail stays. Addresses
    /// bound to it go with it, so without `force` a domain that has some is refused and
    /// the error lists them.
    public func removeDomain(_ name: String, force: Bool = false) throws(AdminError) {
        let domain = try self.domain(name).name
        if !force {
            let bound = try addresses().filter { $0.domain == domain }.map(\.address)
            if !bound.isEmpty {
                throw .conflict("domain \(domain) has addresses bound to it: \(bound.joined(separator: ", ")); pass --force to remove them with it")
            }
        }
        try directoryCall { () throws(DirectoryError) in try directory.removeDomain(name) }
    }

    @discardableResult
    public func updateDomain(_ name: String, _ changes: DomainChanges) throws(AdminError) -> DomainRow {
        var update = DomainUpdate(catchAll: changes.catchAll, copyTo: changes.copyTo, dkimEnabled: changes.dkim,
                                  disclaimer: changes.disclaimer)
        update.relay = changes.relay
        try directoryCall { () throws(DirectoryError) in try directory.updateDomain(name, update) }
        return try domain(name)
    }
}
