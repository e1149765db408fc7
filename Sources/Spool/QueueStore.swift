import Foundation

/// The queue's rows as `Spool.queue` offers them: every `QueueRowStore` operation on the
/// rows it was made with (SQLite, or memory in unit tests). The SQLite rows and the
/// statements a caller runs inside its own transaction (`in: db`, local delivery's
/// ledger) live in the SpoolStore module.
public struct QueueStore: Sendable {
    public let rows: any QueueRowStore

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
}
