import Foundation
import GRDB

extension DirectoryStore {
    /// The group whose members may train the spam filter, when it exists (SPEC §2).
    public static let spamTrainersGroup = "spamtrainers"

    @discardableResult
    public func addGroup(_ name: String) throws(DirectoryError) -> Group {
        let group = try NameRules.entityName(name, kind: .group)
        return try write { db in
            try Self.checkNameFree(group, kind: .group, db)
            try db.cachedStatement(sql: "INSERT INTO \"groups\"(name, created_at) VALUES (?, ?)").execute(arguments: [group, Date()])
            return try Self.loadGroup(group, db)!
        }
    }

    /// All groups with their members, sorted by name.
    public func groups() throws(DirectoryError) -> [Group] {
        try read { db in
            try String.fetchAll(db.cachedStatement(sql: "SELECT name FROM \"groups\" ORDER BY name")).compactMap { try Self.loadGroup($0, db) }
        }
    }

    public func group(named name: String) throws(DirectoryError) -> Group? {
        guard let group = try? NameRules.entityName(name, kind: .group) else { return nil }
        return try read { db in try Self.loadGroup(group, db) }
    }

    /// Removes the group (its memberships go with it). Refused while an address delivers
    /// to it or it owns a public mailbox: the administrator decides what replaces it.
    public func removeGroup(_ name: String) throws(DirectoryError) {
        let group = try NameRules.entityName(name, kind: .group)
        try write { db in
            guard try Self.loadGroup(group, db) != nil else { throw DirectoryError.notFound(.group, group) }
            if let spec = try Self.addressUsing(column: "group_name", value: group, db) {
                throw DirectoryError.inUse(.group, group, by: "address \(spec)")
            }
            if let mailbox = try String.fetchOne(db.cachedStatement(sql: "SELECT mailbox_name FROM public_mailbox_groups WHERE group_name = ? ORDER BY mailbox_name LIMIT 1"), arguments: [group]) {
                throw DirectoryError.inUse(.group, group, by: "public mailbox \(mailbox)")
            }
            try db.cachedStatement(sql: "DELETE FROM \"groups\" WHERE name = ?").execute(arguments: [group])
        }
    }

    public func addMember(group name: String, user userName: String) throws(DirectoryError) {
        let group = try NameRules.entityName(name, kind: .group)
        let user = try NameRules.entityName(userName, kind: .user)
        try write { db in
            guard try Self.loadGroup(group, db) != nil else { throw DirectoryError.notFound(.group, group) }
            guard try Row.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM users WHERE name = ?"), arguments: [user]) != nil else {
                throw DirectoryError.notFound(.user, user)
            }
            try db.execute(sql: "INSERT INTO group_members(group_name, user_name) VALUES (?, ?) ON CONFLICT DO NOTHING",
                           arguments: [group, user])
            if db.changesCount == 0 {
                throw DirectoryError.notAllowed("user \(user) is already a member of group \(group)")
            }
        }
    }

    public func removeMember(group name: String, user userName: String) throws(DirectoryError) {
        let group = try NameRules.entityName(name, kind: .group)
        let user = try NameRules.entityName(userName, kind: .user)
        try write { db in
            guard try Self.loadGroup(group, db) != nil else { throw DirectoryError.notFound(.group, group) }
            try db.cachedStatement(sql: "DELETE FROM group_members WHERE group_name = ? AND user_name = ?").execute(arguments: [group, user])
            if db.changesCount == 0 {
                throw DirectoryError.notAllowed("user \(user) is not a member of group \(group)")
            }
        }
    }

    /// Turns the group's automatic address on or off (it only exists at all while the
    /// `groups.addresses` setting is on).
    public func setGroupAddress(_ name: String, enabled: Bool) throws(DirectoryError) {
        let group = try NameRules.entityName(name, kind: .group)
        try write { db in
            try db.cachedStatement(sql: "UPDATE \"groups\" SET address_enabled = ? WHERE name = ?").execute(arguments: [enabled, group])
            if db.changesCount == 0 { throw DirectoryError.notFound(.group, group) }
        }
    }

    /// Groups the user belongs to, sorted.
    public func groups(ofUser name: String) throws(DirectoryError) -> [String] {
        let user = try NameRules.entityName(name, kind: .user)
        return try read { db in
            try String.fetchAll(db.cachedStatement(sql: "SELECT group_name FROM group_members WHERE user_name = ? ORDER BY group_name"), arguments: [user])
        }
    }

    /// Whether the user may train the spam filter: everybody when the `spamtrainers` group
    /// does not exist, else its members only.
    public func maySpamTrain(user name: String) throws(DirectoryError) -> Bool {
        guard let group = try group(named: Self.spamTrainersGroup) else { return true }
        return group.members.contains(name.lowercased())
    }

    static func loadGroup(_ name: String, _ db: Database) throws -> Group? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM \"groups\" WHERE name = ?"), arguments: [name]) else { return nil }
        let members = try String.fetchAll(db.cachedStatement(sql: "SELECT user_name FROM group_members WHERE group_name = ? ORDER BY user_name"), arguments: [name])
        return Group(name: name, addressEnabled: row["address_enabled"], members: members)
    }
}
