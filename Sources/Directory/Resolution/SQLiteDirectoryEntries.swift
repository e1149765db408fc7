import GRDB
import MailCore

/// The directory's rows inside one SQLite read transaction.
struct SQLiteDirectoryEntries: DirectoryEntries {
    let db: Database

    func setting(_ key: SettingKey) throws -> String {
        try SettingsStore.value(key, db)
    }

    func domain(named name: String) throws -> Domain? {
        try DirectoryStore.domainRow(name, db).map(RowDecoding.domain)
    }

    func alias(local: String, domain: String?) throws -> DirectoryAliasKey? {
        let row: Row?
        if let domain {
            row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, internal_only FROM addresses WHERE local_part = ? AND domain = ?"),
                                   arguments: [local, domain])
        } else {
            row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, internal_only FROM addresses WHERE local_part = ? AND domain IS NULL"),
                                   arguments: [local])
        }
        return row.map { DirectoryAliasKey(id: $0["id"], internalOnly: $0["internal_only"]) }
    }

    func destinations(ofAlias id: Int64) throws -> [AddressDestination] {
        try RowDecoding.destinations(ofAddress: id, db)
    }

    func hasUser(_ name: String) throws -> Bool {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM users WHERE name = ?"), arguments: [name]) != nil
    }

    func delivery(ofUser name: String) throws -> (forwards: [EmailAddress], keepCopy: Bool) {
        let keepCopy = try Bool.fetchOne(db.cachedStatement(sql: "SELECT keep_copy FROM users WHERE name = ?"), arguments: [name]) ?? false
        return (try RowDecoding.forwards(of: name, db), keepCopy)
    }

    func groupAddressEnabled(_ name: String) throws -> Bool? {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT address_enabled FROM \"groups\" WHERE name = ?"), arguments: [name])
    }

    func members(ofGroup name: String) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT user_name FROM group_members WHERE group_name = ? ORDER BY user_name"), arguments: [name])
    }

    func administrators() throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT name FROM users WHERE is_administrator ORDER BY name"))
    }
}
