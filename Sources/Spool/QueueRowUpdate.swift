import Foundation
import GRDB

/// One change to a delivery's queue row, as `QueueStore.update` makes it. The agents
/// (Queue, Delivery) describe their changes as values and hand them to the store in one
/// batch, so that they never open a transaction themselves.
public struct QueueRowUpdate: Sendable, Hashable {
    public var queueID: QueueID
    public var position: Int
    public var status: DeliveryStatus
    public var reply: String?
    public var nextAttemptAt: Date?
    public var countAttempt: Bool
    /// A DSN to queue (it replaces one not yet sent; nil keeps it).
    public var notice: DeliveryNotice?
    /// The server that gave `reply` (nil: made here).
    public var remoteMTA: String?
    public var attemptAt: Date?
    public var delayNotified: Bool?

    public init(_ queueID: QueueID, position: Int, status: DeliveryStatus, reply: String?, nextAttemptAt: Date? = nil,
                countAttempt: Bool = true, notice: DeliveryNotice? = nil, remoteMTA: String? = nil, attemptAt: Date? = nil,
                delayNotified: Bool? = nil) {
        self.queueID = queueID
        self.position = position
        self.status = status
        self.reply = reply
        self.nextAttemptAt = nextAttemptAt
        self.countAttempt = countAttempt
        self.notice = notice
        self.remoteMTA = remoteMTA
        self.attemptAt = attemptAt
        self.delayNotified = delayNotified
    }
}

extension QueueStore {
    /// Applies the updates in order, inside the caller's transaction.
    public func apply(_ updates: [QueueRowUpdate], in db: Database) throws {
        for change in updates {
            try update(change.queueID, position: change.position, status: change.status, reply: change.reply,
                       nextAttemptAt: change.nextAttemptAt, countAttempt: change.countAttempt, notice: change.notice,
                       remoteMTA: change.remoteMTA, attemptAt: change.attemptAt, delayNotified: change.delayNotified, in: db)
        }
    }

    /// Applies the updates in one transaction: all of them or none.
    public func apply(_ updates: [QueueRowUpdate]) throws {
        try database.write { db in try apply(updates, in: db) }
    }

    /// True when no delivery of the message is left to do and no notice is left to send.
    public func isFinished(_ queueID: QueueID) throws -> Bool {
        try database.read { db in try isFinished(queueID, in: db) }
    }

    /// `isFinished`, and the message still queued (not removed meanwhile by another agent
    /// or by `postino queue delete`).
    public func isQueuedAndFinished(_ queueID: QueueID) throws -> Bool {
        try database.read { db in try contains(queueID, in: db) && isFinished(queueID, in: db) }
    }

    /// `clearNotices` in a transaction of its own.
    public func clearNotices(_ queueID: QueueID, positions: [Int]) throws {
        try database.write { db in try clearNotices(queueID, positions: positions, in: db) }
    }
}
