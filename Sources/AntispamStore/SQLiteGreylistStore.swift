import Antispam
import Foundation
import Durability
import GRDB

/// Greylisting triples in the shared database (table `antispam_greylist`, migrations
/// `antispam.greylist.*`): durable, so a restart neither forgets passed senders nor makes
/// a waiting one start over.
public final class SQLiteGreylistStore: GreylistStore, Sendable {
    public let database: any DatabaseWriter

    public init(database: any DatabaseWriter) throws(GreylistStoreError) {
        self.database = database
        do { try Self.migrator.migrate(database) } catch { throw .storage("migration failed: \(error)") }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("antispam.greylist.v1") { db in
            try db.execute(sql: """
                -- network: client /24 or /64; times in seconds since 1970; passed_at NULL until a retry passed.
                CREATE TABLE antispam_greylist (
                    network TEXT NOT NULL,
                    sender TEXT NOT NULL,
                    recipient TEXT NOT NULL,
                    first_seen REAL NOT NULL,
                    passed_at REAL,
                    last_seen REAL NOT NULL,
                    PRIMARY KEY (network, sender, recipient)
                ) WITHOUT ROWID;
                CREATE INDEX antispam_greylist_last_seen ON antispam_greylist(last_seen);
                """)
        }
        return migrator
    }

    public func record(for key: GreylistKey) async throws(GreylistStoreError) -> GreylistRecord? {
        do {
            let database = self.database
            return try await BlockingIO.run { try database.read { db in
                try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT first_seen, passed_at, last_seen FROM antispam_greylist WHERE network = ? AND sender = ? AND recipient = ?
                    """), arguments: [key.network, key.sender, key.recipient]).map { row in
                    GreylistRecord(firstSeen: Date(timeIntervalSince1970: row[0]),
                                   passedAt: (row[1] as Double?).map(Date.init(timeIntervalSince1970:)),
                                   lastSeen: Date(timeIntervalSince1970: row[2]))
                }
            } }
        } catch {
            throw .storage("\(error)")
        }
    }

    public func save(_ record: GreylistRecord, for key: GreylistKey) async throws(GreylistStoreError) {
        do {
            let database = self.database
            try await BlockingIO.run { try database.write { db in
                try db.cachedStatement(sql: """
                    INSERT INTO antispam_greylist (network, sender, recipient, first_seen, passed_at, last_seen) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(network, sender, recipient) DO UPDATE SET first_seen = excluded.first_seen,
                        passed_at = excluded.passed_at, last_seen = excluded.last_seen
                    """).execute(arguments: [key.network, key.sender, key.recipient, record.firstSeen.timeIntervalSince1970,
                                             record.passedAt?.timeIntervalSince1970, record.lastSeen.timeIntervalSince1970])
            } }
        } catch {
            throw .storage("\(error)")
        }
    }

    public func purge(unpassedBefore: Date, passedBefore: Date) async throws(GreylistStoreError) -> Int {
        do {
            let database = self.database
            return try await BlockingIO.run { try database.write { db in
                try db.execute(sql: """
                    DELETE FROM antispam_greylist WHERE (passed_at IS NULL AND first_seen < ?) OR (passed_at IS NOT NULL AND last_seen < ?)
                    """, arguments: [unpassedBefore.timeIntervalSince1970, passedBefore.timeIntervalSince1970])
                return db.changesCount
            } }
        } catch {
            throw .storage("\(error)")
        }
    }

    /// Opens (creating if needed) a database file on its own, for tools and tests.
    public convenience init(path: String) throws(GreylistStoreError) {
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(path: path) } catch { throw .storage("cannot open \(path): \(error)") }
        try self.init(database: queue)
    }
}
