import GRDB

/// Where the administrator's settings are kept: one raw value per key that was set.
/// `SettingsStore` validates, normalizes and supplies defaults on top of it.
///
/// Synchronous `throws(DirectoryError)`: settings are read in the synchronous parts of
/// every server (SMTP policy, IMAP settings, Sieve, the outbound agent's settings), each
/// already inside a `BlockingIO` closure, and `set` checks a value against the current
/// ones in the same call.
public protocol SettingsStorage: Sendable {
    /// The stored value of `key`, nil when it was never set.
    func storedValue(_ key: String) throws(DirectoryError) -> String?
    func store(_ value: String, for key: String) throws(DirectoryError)
    func removeValue(for key: String) throws(DirectoryError)
    /// Every stored value by key, unknown keys included.
    func storedValues() throws(DirectoryError) -> [String: String]
}

/// The `settings` table of the directory's database.
struct SQLiteSettingsStorage: SettingsStorage {
    let writer: any DatabaseWriter

    func storedValue(_ key: String) throws(DirectoryError) -> String? {
        try read { db in try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM settings WHERE key = ?"), arguments: [key]) }
    }

    func store(_ value: String, for key: String) throws(DirectoryError) {
        try write { db in
            try db.execute(sql: "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }

    func removeValue(for key: String) throws(DirectoryError) {
        try write { db in try db.cachedStatement(sql: "DELETE FROM settings WHERE key = ?").execute(arguments: [key]) }
    }

    func storedValues() throws(DirectoryError) -> [String: String] {
        try read { db in
            try Dictionary(Row.fetchAll(db.cachedStatement(sql: "SELECT key, value FROM settings")).map { ($0["key"] as String, $0["value"] as String) },
                           uniquingKeysWith: { a, _ in a })
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(DirectoryError) -> T {
        do { return try writer.read { db in try body(db) } } catch { throw .storage(DirectoryStore.message(error)) }
    }

    private func write<T>(_ body: (Database) throws -> T) throws(DirectoryError) -> T {
        do { return try writer.write { db in try body(db) } } catch { throw .storage(DirectoryStore.message(error)) }
    }
}
