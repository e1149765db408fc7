import Foundation
import GRDB

/// The queue's rows as `Spool.queue` offers them: every `QueueRowStore` operation on the
/// rows it was made with (SQLite, or memory in unit tests), and the SQLite statements that
/// a caller runs inside its own transaction (`in: db`, local delivery's ledger), which
/// need the SQLite rows.
public struct QueueStore: Sendable {
    public let rows: any QueueRowStore

    /// The rows in `database` (postino.sqlite), created or migrated.
    public init(database: any DatabaseWriter) throws {
        rows = try SQLiteQueueRows(database: database)
    }

    public init(rows: any QueueRowStore) {
        self.rows = rows
    }

    // MARK: QueueRowStore

    public func insert(_ envelope: SpoolEnvelope) throws { try rows.insert(envelope) }
    public func delete(_ queueID: QueueID) throws { try rows.delete(queueID) }
    public func allQueueIDs() throws -> [QueueID] { try rows.allQueueIDs() }
    public func due(kinds: [String], now: Date, limit: Int) throws -> [QueueID] { try rows.due(kinds: kinds, now: now, limit: limit) }
    public func nextDue(kinds: [String]) throws -> Date? { try rows.nextDue(kinds: kinds) }
    public func message(_ queueID: QueueID) throws -> QueuedMessage? { try rows.message(queueID) }
    public func messages() throws -> [QueuedMessage] { try rows.messages() }
    public func makeDue(_ queueID: QueueID, now: Date = Date()) throws -> Bool { try rows.makeDue(queueID, now: now) }
    public func apply(_ updates: [QueueRowUpdate]) throws { try rows.apply(updates) }
    public func isFinished(_ queueID: QueueID) throws -> Bool { try rows.isFinished(queueID) }
    public func isQueuedAndFinished(_ queueID: QueueID) throws -> Bool { try rows.isQueuedAndFinished(queueID) }
    public func clearNotices(_ queueID: QueueID, positions: [Int]) throws { try rows.clearNotices(queueID, positions: positions) }
    public func queueIDsWithNotices(limit: Int = 1000) throws -> [QueueID] { try rows.queueIDsWithNotices(limit: limit) }
    public func finishedQueueIDs(limit: Int = 1000) throws -> [QueueID] { try rows.finishedQueueIDs(limit: limit) }
    public func recordSample(now: Date = Date(), keep: TimeInterval = 3600) throws { try rows.recordSample(now: now, keep: keep) }
    public func samples() throws -> [QueueSample] { try rows.samples() }
    public func currentSize() throws -> QueueSample { try rows.currentSize() }

    // MARK: Inside the caller's SQLite transaction

    public func insert(_ envelope: SpoolEnvelope, in db: Database) throws { try SQLiteQueueRows.insert(envelope, in: db) }

    /// Sets the outcome of one delivery. `notice` queues a DSN (it replaces one not yet
    /// sent; nil keeps it); `remoteMTA` names the server that gave `reply` (nil: made here).
    public func update(_ queueID: QueueID, position: Int, status: DeliveryStatus, reply: String?,
                       nextAttemptAt: Date? = nil, countAttempt: Bool = true, notice: DeliveryNotice? = nil,
                       remoteMTA: String? = nil, attemptAt: Date? = nil, delayNotified: Bool? = nil,
                       in db: Database) throws {
        try SQLiteQueueRows.update(queueID, position: position, status: status, reply: reply, nextAttemptAt: nextAttemptAt,
                                   countAttempt: countAttempt, notice: notice, remoteMTA: remoteMTA, attemptAt: attemptAt,
                                   delayNotified: delayNotified, in: db)
    }

    /// Applies the updates in order, inside the caller's transaction.
    public func apply(_ updates: [QueueRowUpdate], in db: Database) throws { try SQLiteQueueRows.apply(updates, in: db) }
    public func isFinished(_ queueID: QueueID, in db: Database) throws -> Bool { try SQLiteQueueRows.isFinished(queueID, in: db) }
    public func delete(_ queueID: QueueID, in db: Database) throws { try SQLiteQueueRows.delete(queueID, in: db) }
    public func contains(_ queueID: QueueID, in db: Database) throws -> Bool { try SQLiteQueueRows.contains(queueID, in: db) }
    public func message(_ queueID: QueueID, in db: Database) throws -> QueuedMessage? { try SQLiteQueueRows.message(queueID, in: db) }
    public func clearNotices(_ queueID: QueueID, positions: [Int], in db: Database) throws {
        try SQLiteQueueRows.clearNotices(queueID, positions: positions, in: db)
    }
}
