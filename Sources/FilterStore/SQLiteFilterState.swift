import Durability
import Filter
import Foundation
import GRDB
import Intake

/// The filter's state in the server's SQLite database: access rules and the last 1,000
/// verdicts (the scan history survives restarts).
public final class SQLiteFilterState: FilterStateStore {
    let database: any DatabaseWriter

    public init(database: any DatabaseWriter) throws {
        self.database = database
        var migrator = DatabaseMigrator()
        migrator.registerMigration("filter-v1") { db in
            try db.execute(sql: """
                CREATE TABLE filter_rules (
                    kind TEXT NOT NULL, value TEXT NOT NULL, action TEXT NOT NULL,
                    PRIMARY KEY (kind, value));
                CREATE TABLE filter_history (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, time REAL NOT NULL, qid TEXT NOT NULL,
                    sender TEXT NOT NULL, recipients TEXT NOT NULL, action TEXT NOT NULL,
                    score REAL NOT NULL, symbols TEXT NOT NULL);
                """)
        }
        try migrator.migrate(database)
    }

    public func rules() async throws(FilterStateError) -> [AccessRule] {
        try await run { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT kind, value, action FROM filter_rules ORDER BY kind, value")).compactMap { row in
                guard let kind = AccessRule.Kind(rawValue: row[0]), let action = AccessRule.BlockAction(rawValue: row[2]) else { return nil }
                return AccessRule(kind: kind, value: row[1], action: action)
            }
        }
    }

    public func addRule(_ rule: AccessRule) async throws(FilterStateError) {
        try await write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO filter_rules (kind, value, action) VALUES (?, ?, ?)",
                           arguments: [rule.kind.rawValue, rule.value, rule.action.rawValue])
        }
    }

    public func removeRule(kind: AccessRule.Kind, value: String) async throws(FilterStateError) -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM filter_rules WHERE kind = ? AND value = ?", arguments: [kind.rawValue, value.lowercased()])
            return db.changesCount > 0
        }
    }

    public func recordVerdict(_ entry: FilterHistoryEntry) async throws(FilterStateError) {
        let symbols = String(decoding: (try? JSONEncoder().encode(entry.symbols)) ?? Data("[]".utf8), as: UTF8.self)
        try await write { db in
            try db.cachedStatement(sql: """
                INSERT INTO filter_history (time, qid, sender, recipients, action, score, symbols) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [entry.time, entry.queueID, entry.sender, entry.recipients.joined(separator: ","),
                                         entry.action, entry.score, symbols])
            let id = db.lastInsertedRowID
            if id % 100 == 0 {
                try db.execute(sql: "DELETE FROM filter_history WHERE id <= ?", arguments: [id - Int64(FilterHistoryEntry.kept)])
            }
        }
    }

    public func history(limit: Int) async throws(FilterStateError) -> [FilterHistoryEntry] {
        try await run { db in
            try Row.fetchAll(db, sql: """
                SELECT time, qid, sender, recipients, action, score, symbols FROM filter_history ORDER BY id DESC LIMIT ?
                """, arguments: [min(limit, FilterHistoryEntry.kept)]).map { row in
                let recipients: String = row[3]
                let symbols = (try? JSONDecoder().decode([ScoreSymbol].self, from: Data((row[6] as String).utf8))) ?? []
                return FilterHistoryEntry(time: row[0], queueID: row[1], sender: row[2],
                                          recipients: recipients.isEmpty ? [] : recipients.split(separator: ",").map(String.init),
                                          action: row[4], score: row[5], symbols: symbols)
            }
        }
    }

    // Synchronous GRDB on a BlockingIO thread: never on a Swift concurrency thread (it must
    // not block), and not GRDB's async API, which needs a thread of the same global pool that
    // blocked work waits in (under load that deadlocked the server).
    private func run<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(FilterStateError) -> T {
        let database = self.database
        do { return try await BlockingIO.run { try database.read(body) } } catch { throw FilterStateError("filter state: \(error)") }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(FilterStateError) -> T {
        let database = self.database
        do { return try await BlockingIO.run { try database.write(body) } } catch { throw FilterStateError("filter state: \(error)") }
    }
}
