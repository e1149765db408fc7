import Foundation
import GRDB
import Queue

/// The relay host rules, in the shared database (table `relay_hosts`, own migrator with
/// `relay.` identifiers). Blocking: call off the event loops.
public struct SQLiteRelayRuleStore: RelayRuleStore {
    public let database: any DatabaseWriter

    public init(database: any DatabaseWriter) throws {
        self.database = database
        try Self.migrator.migrate(database)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("relay.v1") { db in
            try db.cachedStatement(sql: """
                -- sender: a lower-cased address, a domain, or '*' for the default relay host.
                -- password is kept as given: it must be sent to the relay host (see RelayRule).
                CREATE TABLE relay_hosts (
                    sender TEXT PRIMARY KEY NOT NULL,
                    host TEXT NOT NULL,
                    port INTEGER NOT NULL,
                    username TEXT,
                    password TEXT,
                    tls TEXT NOT NULL,
                    created_at REAL NOT NULL
                );
                """).execute()
        }
        return migrator
    }

    /// Adds or replaces the rule for its sender.
    public func save(_ rule: RelayRule) throws(RelayRuleError) {
        try write { db in
            try db.cachedStatement(sql: """
                INSERT INTO relay_hosts (sender, host, port, username, password, tls, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(sender) DO UPDATE SET host = excluded.host, port = excluded.port,
                    username = excluded.username, password = excluded.password, tls = excluded.tls
                """).execute(arguments: [rule.sender, rule.host, rule.port, rule.username, rule.password, rule.tls.rawValue,
                                 Date().timeIntervalSince1970])
        }
    }

    /// Removes the rule for `sender` (already a normalised key).
    public func remove(_ sender: String) throws(RelayRuleError) {
        let removed = try write { db in
            try db.cachedStatement(sql: "DELETE FROM relay_hosts WHERE sender = ?").execute(arguments: [sender])
            return db.changesCount
        }
        if removed == 0 { throw .notFound(sender) }
    }

    /// Every rule, the smarthost first, then by sender.
    public func rules() throws(RelayRuleError) -> RelayRuleSet {
        let rows: [RelayRule] = try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM relay_hosts ORDER BY sender <> '*', sender")).map { row in
                RelayRule(sender: row["sender"], host: row["host"], port: row["port"], username: row["username"],
                          password: row["password"], tls: RelayTLSMode(rawValue: row["tls"]) ?? .starttls)
            }
        }
        return RelayRuleSet(rules: rows)
    }

    private func read<T>(_ body: (Database) throws -> T) throws(RelayRuleError) -> T {
        do { return try database.read { db in try body(db) } } catch { throw .storage("\(error)") }
    }

    private func write<T>(_ body: (Database) throws -> T) throws(RelayRuleError) -> T {
        do { return try database.write { db in try body(db) } } catch { throw .storage("\(error)") }
    }
}
