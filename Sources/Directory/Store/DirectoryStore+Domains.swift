import Foundation
import GRDB
import MailCore

extension DirectoryStore {
    /// Adds a domain that delivers locally, or relays to `relayTo`.
    @discardableResult
    public func addDomain(_ name: String, relayTo relay: RelayTarget? = nil) throws(DirectoryError) -> Domain {
        let domain = try NameRules.domainName(name)
        try relay?.validate(relay?.host ?? "")
        return try write { db in
            if try Self.domainRow(domain, db) != nil { throw DirectoryError.alreadyExists(.domain, domain) }
            try db.cachedStatement(sql: """
                INSERT INTO domains(name, relay_host, relay_port, relay_tls, created_at) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [domain, relay?.host, relay?.port, relay?.tls.rawValue, Date()])
            return RowDecoding.domain(try Self.domainRow(domain, db)!)
        }
    }

    /// All domains, sorted by name.
    public func domains() throws(DirectoryError) -> [Domain] {
        try read { db in try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM domains ORDER BY name")).map(RowDecoding.domain) }
    }

    /// The domain (case-insensitive), or nil when there is none or the name is not valid.
    public func domain(named name: String) throws(DirectoryError) -> Domain? {
        guard let domain = try? NameRules.domainName(name) else { return nil }
        return try read { db in try Self.domainRow(domain, db).map(RowDecoding.domain) }
    }

    /// Removes the domain and the addresses bound to it. Users (valid at every domain),
    /// stored mail and `*` addresses stay; mail to the domain is refused from now on.
    public func removeDomain(_ name: String) throws(DirectoryError) {
        let domain = try NameRules.domainName(name)
        try write { db in
            try db.cachedStatement(sql: "DELETE FROM domains WHERE name = ?").execute(arguments: [domain])
            if db.changesCount == 0 { throw DirectoryError.notFound(.domain, domain) }
        }
    }

    public func updateDomain(_ name: String, _ update: DomainUpdate) throws(DirectoryError) {
        let domain = try NameRules.domainName(name)
        if case let .some(.some(relay)) = update.relay { try relay.validate(relay.host) }
        // Normalize addresses (lowercased domain) and check them like any other target.
        let catchAll = try Self.normalized(update.catchAll)
        let copyTo = try Self.normalized(update.copyTo)
        try write { db in
            guard try Self.domainRow(domain, db) != nil else { throw DirectoryError.notFound(.domain, domain) }
            // A relay domain routes everything to its server: addresses bound to it would
            // silently stop working, so they must go first.
            if case .some(.some) = update.relay,
               let local = try String.fetchOne(db.cachedStatement(sql: "SELECT local_part FROM addresses WHERE domain = ? ORDER BY local_part LIMIT 1"), arguments: [domain]) {
                throw DirectoryError.notAllowed("domain \(domain) has addresses bound to it (\(local)@\(domain)); remove them before making it relay")
            }
            var assignments: [String] = []
            var arguments = StatementArguments()
            func set(_ column: String, _ value: (any DatabaseValueConvertible)?) {
                assignments.append("\(column) = ?")
                arguments += [value]
            }
            if let relay = update.relay {
                set("relay_host", relay?.host)
                set("relay_port", relay?.port)
                set("relay_tls", relay?.tls.rawValue)
            }
            if let catchAll { set("catch_all", catchAll?.description) }
            if let copyTo { set("copy_to", copyTo?.description) }
            if let dkim = update.dkimEnabled { set("dkim_enabled", dkim) }
            if let disclaimer = update.disclaimer {
                // An empty text is no disclaimer.
                set("disclaimer", disclaimer.flatMap { Text.trim($0).isEmpty ? nil : $0 })
            }
            if let enabled = update.enabled { set("enabled", enabled) }
            guard !assignments.isEmpty else { return }
            arguments += [domain]
            try db.execute(sql: "UPDATE domains SET \(assignments.joined(separator: ", ")) WHERE name = ?", arguments: arguments)
        }
    }

    /// True for an enabled domain whose mail is delivered to local mailboxes.
    public func isLocalDomain(_ name: String) throws(DirectoryError) -> Bool {
        guard let domain = try domain(named: name) else { return false }
        return domain.enabled && domain.relay == nil
    }

    /// True for an enabled domain this server accepts mail for: local or relay.
    public func isAcceptedDomain(_ name: String) throws(DirectoryError) -> Bool {
        guard let domain = try domain(named: name) else { return false }
        return domain.enabled
    }

    /// Where mail for an enabled relay domain goes; nil for local or unknown domains.
    public func relayTarget(forDomain name: String) throws(DirectoryError) -> RelayTarget? {
        guard let domain = try domain(named: name), domain.enabled else { return nil }
        return domain.relay
    }

    /// nil = unchanged, `.some(nil)` = clear, else the validated, lowercased-domain address.
    private static func normalized(_ change: EmailAddress??) throws(DirectoryError) -> EmailAddress?? {
        guard let change else { return nil }
        guard let address = change else { return .some(nil) }
        return .some(try NameRules.externalAddress(address.description))
    }

    static func domainRow(_ name: String, _ db: Database) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM domains WHERE name = ?"), arguments: [name])
    }
}
