import Directory

extension Administration {
    /// The client settings for `email` (or for the domain alone): nil when the domain is not
    /// one of ours (autoconfig answers nothing about other domains). The login is the user
    /// name when the address is an alias of exactly one user whose name differs from its
    /// local part; otherwise the address itself.
    public func clientSettings(email: String?, domain: String, hostname: String,
                               servers: [MailClientSettings.Server]) throws(AdminError) -> MailClientSettings? {
        let domainName = domain.lowercased()
        guard try directoryCall({ () throws(DirectoryError) in try directory.isLocalDomain(domainName) }),
              let row = try? self.domain(domainName), row.delivery == "local" else { return nil }
        var login: String?
        if let email, let at = email.lastIndex(of: "@") {
            let localPart = String(email[..<at])
            if (try? user(localPart)) == nil, let alias = try? address(email),
               alias.destinations.count == 1, let target = alias.destinations.first, target.hasPrefix("user:") {
                login = String(target.dropFirst("user:".count))
            }
        }
        return MailClientSettings(domain: row.name, email: email, hostname: hostname, login: login, servers: servers)
    }
}
