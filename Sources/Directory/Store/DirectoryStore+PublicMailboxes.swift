import Foundation
import GRDB

extension DirectoryStore {
    /// Adds a shared mailbox owned by `groups` (which must exist; may be empty, e.g. for a
    /// mailbox created over IMAP whose access is given by ACLs alone).
    @discardableResult
    public func addPublicMailbox(_ name: String, groups: [String]) throws(DirectoryError) -> PublicMailbox {
        let mailbox = try NameRules.entityName(name, kind: .publicMailbox)
        let owners = try Self.groupNames(groups)
        return try write { db in
            try Self.checkNameFree(mailbox, kind: .publicMailbox, db)
            try db.cachedStatement(sql: "INSERT INTO public_mailboxes(name, created_at) VALUES (?, ?)").execute(arguments: [mailbox, Date()])
            try Self.setOwners(mailbox, owners, db)
            return try Self.loadPublicMailbox(mailbox, db)!
        }
    }

    /// All public mailboxes, sorted by name.
    public func publicMailboxes() throws(DirectoryError) -> [PublicMailbox] {
        try read { db in
            try String.fetchAll(db.cachedStatement(sql: "SELECT name FROM public_mailboxes ORDER BY name")).compactMap { try Self.loadPublicMailbox($0, db) }
        }
    }

    public func publicMailbox(named name: String) throws(DirectoryError) -> PublicMailbox? {
        guard let mailbox = try? NameRules.entityName(name, kind: .publicMailbox) else { return nil }
        return try read { db in try Self.loadPublicMailbox(mailbox, db) }
    }

    /// Replaces the owner groups.
    public func setPublicMailboxGroups(_ name: String, groups: [String]) throws(DirectoryError) {
        let mailbox = try NameRules.entityName(name, kind: .publicMailbox)
        let owners = try Self.groupNames(groups)
        try write { db in
            guard try Self.loadPublicMailbox(mailbox, db) != nil else { throw DirectoryError.notFound(.publicMailbox, mailbox) }
            try db.cachedStatement(sql: "DELETE FROM public_mailbox_groups WHERE mailbox_name = ?").execute(arguments: [mailbox])
            try Self.setOwners(mailbox, owners, db)
        }
    }

    /// Removes the directory entry; refused while an address delivers to it. Stored mail
    /// is not touched here.
    public func removePublicMailbox(_ name: String) throws(DirectoryError) {
        let mailbox = try NameRules.entityName(name, kind: .publicMailbox)
        try write { db in
            guard try Self.loadPublicMailbox(mailbox, db) != nil else { throw DirectoryError.notFound(.publicMailbox, mailbox) }
            if let spec = try Self.addressUsing(column: "public_mailbox", value: mailbox, db) {
                throw DirectoryError.inUse(.publicMailbox, mailbox, by: "address \(spec)")
            }
            try db.cachedStatement(sql: "DELETE FROM public_mailboxes WHERE name = ?").execute(arguments: [mailbox])
        }
    }

    private static func groupNames(_ names: [String]) throws(DirectoryError) -> [String] {
        var out: [String] = []
        for name in names {
            let group = try NameRules.entityName(name, kind: .group)
            if !out.contains(group) { out.append(group) }
        }
        return out
    }

    private static func setOwners(_ mailbox: String, _ groups: [String], _ db: Database) throws {
        for group in groups {
            guard try loadGroup(group, db) != nil else { throw DirectoryError.notFound(.group, group) }
            try db.cachedStatement(sql: "INSERT INTO public_mailbox_groups(mailbox_name, group_name) VALUES (?, ?)").execute(arguments: [mailbox, group])
        }
    }

    static func loadPublicMailbox(_ name: String, _ db: Database) throws -> PublicMailbox? {
        guard try Row.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM public_mailboxes WHERE name = ?"), arguments: [name]) != nil else { return nil }
        let groups = try String.fetchAll(db.cachedStatement(sql: "SELECT group_name FROM public_mailbox_groups WHERE mailbox_name = ? ORDER BY group_name"), arguments: [name])
        return PublicMailbox(name: name, groups: groups)
    }
}
