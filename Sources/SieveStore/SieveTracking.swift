import Foundation
import GRDB

/// What delivery remembers for Sieve across messages: vacation replies sent (RFC 5230 §4.2
/// duplicate suppression, per user, handle and sender), ids seen by the `duplicate` test
/// (RFC 7352), and script errors already reported to their user.
public struct SieveTracking: SieveMemory {
    let database: any DatabaseWriter

    init(database: any DatabaseWriter) throws {
        self.database = database
        var migrator = DatabaseMigrator()
        migrator.registerMigration("sieve.v1") { db in
            try db.execute(sql: """
                CREATE TABLE sieve_vacation (
                    user_name TEXT NOT NULL,
                    handle TEXT NOT NULL,
                    sender TEXT NOT NULL,
                    sent_at REAL NOT NULL,
                    PRIMARY KEY (user_name, handle, sender)
                ) WITHOUT ROWID;
                CREATE TABLE sieve_duplicate (
                    user_name TEXT NOT NULL,
                    id TEXT NOT NULL,
                    expires_at REAL NOT NULL,
                    PRIMARY KEY (user_name, id)
                ) WITHOUT ROWID;
                CREATE TABLE sieve_error_notice (
                    user_name TEXT NOT NULL,
                    script_hash TEXT NOT NULL,
                    PRIMARY KEY (user_name, script_hash)
                ) WITHOUT ROWID;
                """)
        }
        try migrator.migrate(database)
    }

    /// Atomically decides whether a vacation reply may go out now: false when one went to
    /// `sender` for `handle` within `period`, otherwise records this one and returns true.
    /// Two messages from the same sender delivered at once get one reply.
    public func claimVacation(user: String, handle: String, sender: String, period: TimeInterval,
                              now: Date) throws(SieveMemoryError) -> Bool {
        try write { db in
            let sent = try Double.fetchOne(db.cachedStatement(sql: "SELECT sent_at FROM sieve_vacation WHERE user_name = ? AND handle = ? AND sender = ?"),
                                           arguments: [user, handle, sender.lowercased()])
            if let sent, now.timeIntervalSince1970 - sent < period { return false }
            try db.execute(sql: "INSERT OR REPLACE INTO sieve_vacation (user_name, handle, sender, sent_at) VALUES (?, ?, ?, ?)",
                           arguments: [user, handle, sender.lowercased(), now.timeIntervalSince1970])
            return true
        }
    }

    public func isDuplicate(user: String, id: String, now: Date) -> Bool {
        (try? database.read { db in
            try Double.fetchOne(db.cachedStatement(sql: "SELECT expires_at FROM sieve_duplicate WHERE user_name = ? AND id = ?"),
                                arguments: [user, id]).map { $0 > now.timeIntervalSince1970 } ?? false
        }) ?? false
    }

    public func recordDuplicate(user: String, id: String, period: TimeInterval, now: Date) throws(SieveMemoryError) {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO sieve_duplicate (user_name, id, expires_at) VALUES (?, ?, ?)",
                           arguments: [user, id, now.timeIntervalSince1970 + period])
        }
    }

    /// Records that the user was told about an error in this version of their script;
    /// false when they already were.
    public func markErrorNotified(user: String, scriptHash: String) throws(SieveMemoryError) -> Bool {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO sieve_error_notice (user_name, script_hash) VALUES (?, ?)",
                           arguments: [user, scriptHash])
            return db.changesCount > 0
        }
    }

    private func write<T>(_ body: (Database) throws -> T) throws(SieveMemoryError) -> T {
        do { return try database.write { db in try body(db) } } catch { throw SieveMemoryError("\(error)") }
    }
}
