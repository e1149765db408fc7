import Foundation
import GRDB
import Spool

/// The queue's rows in SQLite (postino.sqlite): `QueueRowStore` for the agents, and the
/// statements a caller runs inside its own transaction (`QueueStore`'s `in: db` methods).
struct SQLiteQueueRows: QueueRowStore {
    let database: any DatabaseWriter

    init(database: any DatabaseWriter) throws {
        self.database = database
        try QueueMigrations.migrator.migrate(database)
    }

    /// Records an accepted message and its deliveries, all due now. Idempotent: recovery
    /// may insert a message that is already there.
    static func insert(_ envelope: SpoolEnvelope, in db: Database) throws {
        let json = String(decoding: try envelope.encoded(), as: UTF8.self)
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO queue_messages (qid, sender, size, received_at, origin, envelope)
            VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [envelope.queueID.rawValue, envelope.sender, envelope.size,
                             envelope.receivedAt.timeIntervalSince1970, envelope.origin.rawValue, json])
        for (position, delivery) in envelope.deliveries.enumerated() {
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO queue_deliveries (qid, position, recipient, kind, target, status, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, 'pending', ?)
                """).execute(arguments: [envelope.queueID.rawValue, position, delivery.recipient, delivery.target.kind,
                                 String(describing: delivery.target), envelope.receivedAt.timeIntervalSince1970])
        }
    }

    func insert(_ envelope: SpoolEnvelope) throws {
        try database.write { db in try Self.insert(envelope, in: db) }
    }

    func delete(_ queueID: QueueID) throws {
        try database.write { db in try Self.delete(queueID, in: db) }
    }

    /// Sets the outcome of one delivery. `notice` queues a DSN (it replaces one not yet
    /// sent; nil keeps it); `remoteMTA` names the server that gave `reply` (nil: made here).
    static func update(_ queueID: QueueID, position: Int, status: DeliveryStatus, reply: String?,
                       nextAttemptAt: Date? = nil, countAttempt: Bool = true, notice: DeliveryNotice? = nil,
                       remoteMTA: String? = nil, attemptAt: Date? = nil, delayNotified: Bool? = nil,
                       in db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE queue_deliveries
            SET status = ?, last_reply = ?, attempts = attempts + ?, next_attempt_at = COALESCE(?, next_attempt_at),
                notice = COALESCE(?, notice), remote_mta = ?, last_attempt_at = COALESCE(?, last_attempt_at),
                delay_notified = COALESCE(?, delay_notified)
            WHERE qid = ? AND position = ?
            """).execute(arguments: [status.rawValue, reply, countAttempt ? 1 : 0, nextAttemptAt?.timeIntervalSince1970,
                             notice?.rawValue, remoteMTA, attemptAt?.timeIntervalSince1970, delayNotified,
                             queueID.rawValue, position])
    }

    /// True when no delivery of the message is left to do and no notice is left to send.
    static func isFinished(_ queueID: QueueID, in db: Database) throws -> Bool {
        let open = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(*) FROM queue_deliveries
            WHERE qid = ? AND (status NOT IN ('sent', 'bounced') OR notice IS NOT NULL)
            """), arguments: [queueID.rawValue]) ?? 0
        return open == 0
    }

    static func delete(_ queueID: QueueID, in db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM queue_messages WHERE qid = ?").execute(arguments: [queueID.rawValue])
    }

    static func contains(_ queueID: QueueID, in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM queue_messages WHERE qid = ?"), arguments: [queueID.rawValue]) ?? false
    }

    /// Every queue ID the database knows.
    func allQueueIDs() throws -> [QueueID] {
        try database.read { db in
            try String.fetchAll(db.cachedStatement(sql: "SELECT qid FROM queue_messages ORDER BY qid")).compactMap(QueueID.init)
        }
    }

    /// Messages with deliveries of the given kinds due at `now`, oldest first.
    func due(kinds: [String], now: Date, limit: Int) throws -> [QueueID] {
        try database.read { db in
            let marks = kinds.map { _ in "?" }.joined(separator: ",")
            var arguments: StatementArguments = StatementArguments(kinds)
            arguments += [now.timeIntervalSince1970, limit]
            return try String.fetchAll(db, sql: """
                SELECT DISTINCT qid FROM queue_deliveries
                WHERE status IN ('pending', 'deferred') AND kind IN (\(marks)) AND next_attempt_at <= ?
                ORDER BY qid LIMIT ?
                """, arguments: arguments).compactMap(QueueID.init)
        }
    }

    /// The earliest time a delivery of the given kinds is due, nil when none is waiting.
    func nextDue(kinds: [String]) throws -> Date? {
        try database.read { db in
            let marks = kinds.map { _ in "?" }.joined(separator: ",")
            return try Double.fetchOne(db, sql: """
                SELECT MIN(next_attempt_at) FROM queue_deliveries
                WHERE status IN ('pending', 'deferred') AND kind IN (\(marks))
                """, arguments: StatementArguments(kinds)).map(Date.init(timeIntervalSince1970:))
        }
    }

    func message(_ queueID: QueueID) throws -> QueuedMessage? {
        try database.read { db in try Self.message(queueID, in: db) }
    }

    static func message(_ queueID: QueueID, in db: Database) throws -> QueuedMessage? {
        guard let json = try String.fetchOne(db.cachedStatement(sql: "SELECT envelope FROM queue_messages WHERE qid = ?"),
                                             arguments: [queueID.rawValue]) else { return nil }
        let envelope = try SpoolEnvelope.decode(Data(json.utf8))
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT position, recipient, status, attempts, next_attempt_at, last_reply, notice, delay_notified,
                   remote_mta, last_attempt_at
            FROM queue_deliveries WHERE qid = ? ORDER BY position
            """), arguments: [queueID.rawValue])
        var deliveries: [QueuedDelivery] = []
        for row in rows {
            let position: Int = row["position"]
            guard position >= 0, position < envelope.deliveries.count else { continue }
            deliveries.append(QueuedDelivery(
                queueID: queueID, position: position, recipient: row["recipient"],
                target: envelope.deliveries[position].target,
                status: DeliveryStatus(rawValue: row["status"]) ?? .pending,
                attempts: row["attempts"], nextAttemptAt: Date(timeIntervalSince1970: row["next_attempt_at"]),
                lastReply: row["last_reply"], notice: (row["notice"] as String?).flatMap(DeliveryNotice.init(rawValue:)),
                delayNotified: row["delay_notified"], remoteMTA: row["remote_mta"],
                lastAttemptAt: (row["last_attempt_at"] as Double?).map(Date.init(timeIntervalSince1970:))))
        }
        return QueuedMessage(envelope: envelope, deliveries: deliveries)
    }

    /// The whole queue, oldest first.
    func messages() throws -> [QueuedMessage] {
        try database.read { db in
            try String.fetchAll(db.cachedStatement(sql: "SELECT qid FROM queue_messages ORDER BY received_at, qid"))
                .compactMap(QueueID.init)
                .compactMap { try Self.message($0, in: db) }
        }
    }

    /// Makes every open delivery of a message due now (`postino queue resend`).
    func makeDue(_ queueID: QueueID, now: Date) throws -> Bool {
        try database.write { db in
            try db.cachedStatement(sql: """
                UPDATE queue_deliveries SET next_attempt_at = ? WHERE qid = ? AND status IN ('pending', 'deferred')
                """).execute(arguments: [now.timeIntervalSince1970, queueID.rawValue])
            return db.changesCount > 0
        }
    }

    // MARK: Notices and clean-up

    /// Messages with a notice waiting to be sent, oldest first.
    func queueIDsWithNotices(limit: Int) throws -> [QueueID] {
        try database.read { db in
            try String.fetchAll(db.cachedStatement(sql: """
                SELECT DISTINCT qid FROM queue_deliveries WHERE notice IS NOT NULL ORDER BY qid LIMIT ?
                """), arguments: [limit]).compactMap(QueueID.init)
        }
    }

    /// Forgets the notices of these deliveries once their DSN is queued.
    static func clearNotices(_ queueID: QueueID, positions: [Int], in db: Database) throws {
        for position in positions {
            try db.execute(sql: "UPDATE queue_deliveries SET notice = NULL WHERE qid = ? AND position = ?",
                           arguments: [queueID.rawValue, position])
        }
    }

    /// Messages with nothing left to do that are still in the queue (the removal was
    /// interrupted, or another agent finished its part last).
    func finishedQueueIDs(limit: Int) throws -> [QueueID] {
        try database.read { db in
            try String.fetchAll(db.cachedStatement(sql: """
                SELECT qid FROM queue_messages m
                WHERE NOT EXISTS (SELECT 1 FROM queue_deliveries d WHERE d.qid = m.qid
                                  AND (d.status NOT IN ('sent', 'bounced') OR d.notice IS NOT NULL))
                ORDER BY qid LIMIT ?
                """), arguments: [limit]).compactMap(QueueID.init)
        }
    }

    // MARK: Samples

    /// Records the queue's length and size now and drops samples older than `keep`.
    func recordSample(now: Date, keep: TimeInterval) throws {
        try database.write { db in
            try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO queue_samples (at, messages, bytes)
                SELECT ?, COUNT(*), COALESCE(SUM(size), 0) FROM queue_messages
                """).execute(arguments: [now.timeIntervalSince1970])
            try db.execute(sql: "DELETE FROM queue_samples WHERE at < ?",
                           arguments: [now.timeIntervalSince1970 - keep])
        }
    }

    /// The recorded samples, oldest first.
    func samples() throws -> [QueueSample] {
        try database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT at, messages, bytes FROM queue_samples ORDER BY at")).map { row in
                QueueSample(at: Date(timeIntervalSince1970: row["at"]), messages: row["messages"], bytes: row["bytes"])
            }
        }
    }

    /// The queue's length and size now.
    func currentSize() throws -> QueueSample {
        try database.read { db in
            let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) AS n, COALESCE(SUM(size), 0) AS b FROM queue_messages"))
            return QueueSample(at: Date(), messages: row?["n"] ?? 0, bytes: row?["b"] ?? 0)
        }
    }
}

extension SQLiteQueueRows {
    func apply(_ updates: [QueueRowUpdate]) throws {
        try database.write { db in try Self.apply(updates, in: db) }
    }

    static func apply(_ updates: [QueueRowUpdate], in db: Database) throws {
        for change in updates {
            try update(change.queueID, position: change.position, status: change.status, reply: change.reply,
                       nextAttemptAt: change.nextAttemptAt, countAttempt: change.countAttempt, notice: change.notice,
                       remoteMTA: change.remoteMTA, attemptAt: change.attemptAt, delayNotified: change.delayNotified, in: db)
        }
    }

    func isFinished(_ queueID: QueueID) throws -> Bool {
        try database.read { db in try Self.isFinished(queueID, in: db) }
    }

    func isQueuedAndFinished(_ queueID: QueueID) throws -> Bool {
        try database.read { db in try Self.contains(queueID, in: db) && Self.isFinished(queueID, in: db) }
    }

    func clearNotices(_ queueID: QueueID, positions: [Int]) throws {
        try database.write { db in try Self.clearNotices(queueID, positions: positions, in: db) }
    }
}
