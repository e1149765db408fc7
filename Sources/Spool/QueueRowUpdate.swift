import Foundation

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
