import Foundation

/// The queue's rows — which deliveries of which spooled messages are still to do — as
/// the spool, local delivery, the outbound agent and `postino queue` use them. SQLite
/// (`postino.sqlite`) is the server's; `InMemoryQueueRows` (InMemoryStorage) serves unit
/// tests. Every call is one unit: `apply` writes all of its updates or none.
///
/// Synchronous and untyped `throws`, as the spool's file work beside it: the callers run
/// rows and files in one `BlockingIO` closure (commit, recovery, the agents' sweeps) and
/// log or retry any failure the same way. Local delivery's SQLite ledger writes rows
/// inside its own transaction through `QueueStore`'s `in: db` methods instead.
public protocol QueueRowStore: Sendable {
    /// Records an accepted message and its deliveries, all due now. Idempotent: recovery
    /// may insert a message that is already there.
    func insert(_ envelope: SpoolEnvelope) throws
    /// Forgets the message and its deliveries.
    func delete(_ queueID: QueueID) throws
    /// Every queue ID known, in order.
    func allQueueIDs() throws -> [QueueID]
    /// Messages with pending or deferred deliveries of the given kinds due at `now`, in queue-ID order.
    func due(kinds: [String], now: Date, limit: Int) throws -> [QueueID]
    /// The earliest time a delivery of the given kinds is due, nil when none is waiting.
    func nextDue(kinds: [String]) throws -> Date?
    func message(_ queueID: QueueID) throws -> QueuedMessage?
    /// The whole queue, oldest first.
    func messages() throws -> [QueuedMessage]
    /// Makes every open delivery of a message due at `now`; false when none is open.
    func makeDue(_ queueID: QueueID, now: Date) throws -> Bool
    /// Applies the updates in order: all of them or none.
    func apply(_ updates: [QueueRowUpdate]) throws
    /// True when no delivery of the message is left to do and no notice is left to send.
    func isFinished(_ queueID: QueueID) throws -> Bool
    /// `isFinished`, and the message still queued.
    func isQueuedAndFinished(_ queueID: QueueID) throws -> Bool
    /// Forgets the notices of these deliveries once their DSN is queued.
    func clearNotices(_ queueID: QueueID, positions: [Int]) throws
    /// Messages with a notice waiting to be sent, in queue-ID order.
    func queueIDsWithNotices(limit: Int) throws -> [QueueID]
    /// Messages with nothing left to do that are still queued, in queue-ID order.
    func finishedQueueIDs(limit: Int) throws -> [QueueID]
    /// Records the queue's length and size at `now` and drops samples older than `keep`.
    func recordSample(now: Date, keep: TimeInterval) throws
    /// The recorded samples, oldest first.
    func samples() throws -> [QueueSample]
    /// The queue's length and size now.
    func currentSize() throws -> QueueSample
}
