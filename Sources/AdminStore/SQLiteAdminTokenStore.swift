import Administration
import Foundation
import GRDB

/// The REST API's tokens in the server's SQLite database (table `admin_tokens`): the
/// SHA-256 of each token, never the token.
public final class SQLiteAdminTokenStore: AdminTokenStore {
    let database: any DatabaseWriter

    public init(database: any DatabaseWriter) throws(AdminError) {
        self.database = database
        var migrator = DatabaseMigrator()
        migrator.registerMigration("admin-tokens-v1") { db in
            try db.execute(sql: """
                CREATE TABLE admin_tokens (
                    hash TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
                    user TEXT NOT NULL, created REAL NOT NULL, expires REAL);
                CREATE UNIQUE INDEX admin_tokens_api_name ON admin_tokens (name) WHERE kind = 'api';
                """)
        }
        do { try migrator.migrate(database) } catch { throw .internal("admin tokens: \(error)") }
    }

    public func insert(_ record: AdminTokenRecord) throws(AdminError) {
        do {
            try database.write { db in
                try db.execute(sql: "INSERT INTO admin_tokens (hash, kind, name, user, created, expires) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [record.hash, record.kind.rawValue, record.name, record.user,
                                           record.created.timeIntervalSince1970, record.expires?.timeIntervalSince1970])
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw .conflict("an API token named \"\(record.name)\" exists already")
        } catch {
            throw .internal("admin tokens: \(error)")
        }
    }

    public func token(hash: String) throws(AdminError) -> AdminTokenRecord? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM admin_tokens WHERE hash = ?"), arguments: [hash]).flatMap(Self.record)
        }
    }

    public func delete(hash: String) throws(AdminError) -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM admin_tokens WHERE hash = ?", arguments: [hash])
            return db.changesCount > 0
        }
    }

    public func setExpiry(hash: String, _ expires: Date) throws(AdminError) {
        try write { db in
            try db.execute(sql: "UPDATE admin_tokens SET expires = ? WHERE hash = ?", arguments: [expires.timeIntervalSince1970, hash])
        }
    }

    public func tokens(kind: AdminTokenRecord.Kind) throws(AdminError) -> [AdminTokenRecord] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM admin_tokens WHERE kind = ? ORDER BY name"),
                             arguments: [kind.rawValue]).compactMap(Self.record)
        }
    }

    public func deleteAPIToken(name: String) throws(AdminError) -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM admin_tokens WHERE kind = 'api' AND name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    public func purgeExpired(now: Date) throws(AdminError) {
        try write { db in
            try db.execute(sql: "DELETE FROM admin_tokens WHERE expires IS NOT NULL AND expires <= ?", arguments: [now.timeIntervalSince1970])
        }
    }

    private static func record(_ row: Row) -> AdminTokenRecord? {
        guard let kind = AdminTokenRecord.Kind(rawValue: row["kind"]) else { return nil }
        let expires: Double? = row["expires"]
        return AdminTokenRecord(hash: row["hash"], kind: kind, name: row["name"], user: row["user"],
                                created: Date(timeIntervalSince1970: row["created"]),
                                expires: expires.map { Date(timeIntervalSince1970: $0) })
    }

    private func read<T>(_ body: (Database) throws -> T) throws(AdminError) -> T {
        do { return try database.read(body) } catch { throw .internal("admin tokens: \(error)") }
    }

    private func write<T>(_ body: (Database) throws -> T) throws(AdminError) -> T {
        do { return try database.write(body) } catch { throw .internal("admin tokens: \(error)") }
    }
}
