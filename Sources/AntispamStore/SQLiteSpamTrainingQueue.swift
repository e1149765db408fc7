import Antispam
import Durability
import GRDB

/// Training requests from IMAP in the shared database (table `antispam_training_queue`,
/// migrations `antispam.training.*`). Synchronous GRDB inside BlockingIO, as every store.
public final class SQLiteSpamTrainingQueue: SpamTrainingQueue, Sendable {
    public let database: any DatabaseWriter

    public init(database: any DatabaseWriter) throws(SpamTrainingQueueError) {
        self.database = database
        do { try Self.migrator.migrate(database) } catch { throw SpamTrainingQueueError("migration failed: \(error)") }
    }

    /// Opens (or creates) a database file of its own (tests, tools).
    public convenience init(path: String) throws(SpamTrainingQueueError) {
        var config = Configuration()
        config.busyMode = .timeout(10)
        let pool: DatabasePool
        do { pool = try DatabasePool(path: path, configuration: config) } catch { throw SpamTrainingQueueError("cannot open \(path): \(error)") }
        try self.init(database: pool)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("antispam.training.v1") { db in
            try db.execute(sql: """
                -- uids: space-separated UIDs of mailbox_id; class: spam or ham.
                CREATE TABLE antispam_training_queue (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    user_name TEXT NOT NULL,
                    class TEXT NOT NULL,
                    mailbox_id INTEGER NOT NULL,
                    uids TEXT NOT NULL,
                    reason TEXT NOT NULL
                );
                """)
        }
        return migrator
    }

    @discardableResult
    public func enqueue(_ request: SpamTrainingRequest) async throws(SpamTrainingQueueError) -> Int64 {
        try await run { db in
            try db.execute(sql: "INSERT INTO antispam_training_queue (user_name, class, mailbox_id, uids, reason) VALUES (?, ?, ?, ?, ?)",
                           arguments: [request.user, request.bayesClass.rawValue, request.mailboxID,
                                       request.uids.map(String.init).joined(separator: " "), request.reason])
            return db.lastInsertedRowID
        }
    }

    public func pending(limit: Int) async throws(SpamTrainingQueueError) -> [SpamTrainingRequest] {
        try await run { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT id, user_name, class, mailbox_id, uids, reason FROM antispam_training_queue ORDER BY id LIMIT ?"),
                             arguments: [limit]).map { row in
                let uids: String = row["uids"]
                return SpamTrainingRequest(id: row["id"], user: row["user_name"],
                                           bayesClass: BayesClass(rawValue: row["class"]) ?? .spam,
                                           mailboxID: row["mailbox_id"],
                                           uids: uids.split(separator: " ").compactMap { UInt32($0) }, reason: row["reason"])
            }
        }
    }

    public func remove(_ id: Int64) async throws(SpamTrainingQueueError) {
        try await run { db in try db.execute(sql: "DELETE FROM antispam_training_queue WHERE id = ?", arguments: [id]) }
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(SpamTrainingQueueError) -> T {
        let database = self.database
        do { return try await BlockingIO.run { try database.write(body) } } catch { throw SpamTrainingQueueError("training queue: \(error)") }
    }
}
