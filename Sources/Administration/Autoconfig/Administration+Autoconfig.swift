import Directory

extension Administration {
    /// The client settings for `email` (or for the domain alone): nil when the domain is not
    /// one of ours (autoconfig answers nothing about other domains). The login is the user
    /// name when the address is an alias of exactly one user whose name differs from its
    /// local part; otherwise the address itself.
    public func clientSettings(email: String?, domain: String, hostname: String,
                               servers: [MailClientSettings.Server]) throws(AdminError) -> MailClientSettings? {
        let domainName = domain.lowercased()
        guard try directoryCall({ () throws(DirectoryError) in try directory.isLocalDomain(domainName) }) else { return nil }
        let row = try self.domain(domainName)
        guard row.delivery == "local" else { return nil }
        var login: String?
        if let email, let at = email.lastIndex(of: "@") {
            let localPart = String(email[..<at])
            if try Self.ifExists({ () throws(AdminError) in try user(localPart) }) == nil,
               let alias = try Self.ifExists({ () throws(AdminError) in try address(email) }),
               alias.destinations.count == 1, let target = alias.destinations.first, target.hasPrefix("user:") {
                login = String(target.dropFirst("user:".count))
            }
        }
        return MailClientSettings(domain: row.name, email: email, hostname: hostname, login: login, servers: servers)
    }

    /// What `lookup` finds, nil when it is not there; any other failure is thrown.
    private static func ifExists<T>(_ lookup: () throws(AdminError) -> T) throws(AdminError) -> T? {
        do {
            return try lookup()
        } catch where error.kind == .notFound {
            return nil
        }
    }
}
