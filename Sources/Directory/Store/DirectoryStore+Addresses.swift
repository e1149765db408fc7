import Foundation
import GRDB

extension DirectoryStore {
    /// Adds an alias. `spec` is `local@domain` (a local-delivery domain of the directory)
    /// or `local@*` / `local` for every local domain.
    @discardableResult
    public func addAddress(_ spec: String, destinations: [AddressDestination], internalOnly: Bool = false) throws(DirectoryError) -> Address {
        let parsed = try AddressSpec.parse(spec)
        let targets = try Self.normalizedDestinations(destinations, spec: parsed.text)
        return try write { db in
            try Self.checkAddressDomain(parsed, db)
            if try Self.addressRow(parsed, db) != nil { throw DirectoryError.alreadyExists(.address, parsed.text) }
            try db.execute(sql: "INSERT INTO addresses(local_part, domain, internal_only, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [parsed.localPart, parsed.domain, internalOnly, Date()])
            try Self.insertDestinations(targets, addressID: db.lastInsertedRowID, db)
            return try RowDecoding.address(Self.addressRow(parsed, db)!, db)
        }
    }

    /// All addresses, sorted by local part, `*` ones first.
    public func addresses() throws(DirectoryError) -> [Address] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM addresses ORDER BY local_part, domain IS NOT NULL, domain"))
                .map { try RowDecoding.address($0, db) }
        }
    }

    /// The address with exactly this spec (`local@*` for all-domain ones), or nil.
    public func address(_ spec: String) throws(DirectoryError) -> Address? {
        let parsed = try AddressSpec.parse(spec)
        return try read { db in try Self.addressRow(parsed, db).map { try RowDecoding.address($0, db) } }
    }

    public func removeAddress(_ spec: String) throws(DirectoryError) {
        let parsed = try AddressSpec.parse(spec)
        try write { db in
            try db.execute(sql: "DELETE FROM addresses WHERE local_part = ? AND ifnull(domain, '') = ?",
                           arguments: [parsed.localPart, parsed.domain ?? ""])
            if db.changesCount == 0 { throw DirectoryError.notFound(.address, parsed.text) }
        }
    }

    /// Replaces the destinations and/or the internal flag; nil leaves a field as it is.
    public func updateAddress(_ spec: String, destinations: [AddressDestination]? = nil, internalOnly: Bool? = nil) throws(DirectoryError) {
        let parsed = try AddressSpec.parse(spec)
        let targets = try destinations.map { list throws(DirectoryError) in try Self.normalizedDestinations(list, spec: parsed.text) }
        try write { db in
            guard let row = try Self.addressRow(parsed, db) else { throw DirectoryError.notFound(.address, parsed.text) }
            let id: Int64 = row["id"]
            if let internalOnly {
                try db.cachedStatement(sql: "UPDATE addresses SET internal_only = ? WHERE id = ?").execute(arguments: [internalOnly, id])
            }
            if let targets {
                try db.cachedStatement(sql: "DELETE FROM address_destinations WHERE address_id = ?").execute(arguments: [id])
                try Self.insertDestinations(targets, addressID: id, db)
            }
        }
    }

    // MARK: - Helpers

    static func addressRow(_ spec: AddressSpec, _ db: Database) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM addresses WHERE local_part = ? AND ifnull(domain, '') = ?"),
                         arguments: [spec.localPart, spec.domain ?? ""])
    }

    private static func checkAddressDomain(_ spec: AddressSpec, _ db: Database) throws {
        guard let domain = spec.domain else { return }
        guard let row = try domainRow(domain, db) else { throw DirectoryError.notFound(.domain, domain) }
        if (row["relay_host"] as String?) != nil {
            throw DirectoryError.notAllowed("domain \(domain) relays to another server: addresses cannot be bound to it")
        }
    }

    private static func normalizedDestinations(_ list: [AddressDestination], spec: String) throws(DirectoryError) -> [AddressDestination] {
        guard !list.isEmpty else { throw .notAllowed("address \(spec) needs at least one destination") }
        var out: [AddressDestination] = []
        for destination in list {
            let normalized: AddressDestination
            switch destination {
            case let .user(name): normalized = .user(try NameRules.entityName(name, kind: .user))
            case let .group(name): normalized = .group(try NameRules.entityName(name, kind: .group))
            case let .publicMailbox(name): normalized = .publicMailbox(try NameRules.entityName(name, kind: .publicMailbox))
            case let .external(address): normalized = .external(try NameRules.externalAddress(address.description))
            }
            if !out.contains(normalized) { out.append(normalized) }
        }
        return out
    }

    private static func insertDestinations(_ list: [AddressDestination], addressID: Int64, _ db: Database) throws {
        for (position, destination) in list.enumerated() {
            var columns: (user: String?, group: String?, mailbox: String?, external: String?) = (nil, nil, nil, nil)
            switch destination {
            case let .user(name):
                guard try Row.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM users WHERE name = ?"), arguments: [name]) != nil else {
                    throw DirectoryError.notFound(.user, name)
                }
                columns.user = name
            case let .group(name):
                guard try loadGroup(name, db) != nil else { throw DirectoryError.notFound(.group, name) }
                columns.group = name
            case let .publicMailbox(name):
                guard try loadPublicMailbox(name, db) != nil else { throw DirectoryError.notFound(.publicMailbox, name) }
                columns.mailbox = name
            case let .external(address):
                columns.external = address.description
            }
            try db.cachedStatement(sql: """
                INSERT INTO address_destinations(address_id, position, user_name, group_name, public_mailbox, external)
                VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [addressID, position, columns.user, columns.group, columns.mailbox, columns.external])
        }
    }
}
