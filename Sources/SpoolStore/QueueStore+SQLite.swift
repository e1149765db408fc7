import Foundation
import GRDB
import Spool

/// The queue's rows in SQLite (postino.sqlite), and the statements a caller runs inside
/// its own SQLite transaction (local delivery's ledger).
extension QueueStore {
    /// The rows in `database` (postino.sqlite), created or migrated.
    public init(database: any DatabaseWriter) throws {
        self.init(rows: try SQLiteQueueRows(database: database))
    }

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
