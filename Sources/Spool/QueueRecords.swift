import Foundation

/// The state of one delivery unit.
public enum DeliveryStatus: String, Sendable, Codable, Hashable {
    case pending, deferred, sent, bounced

    public var isFinal: Bool { self == .sent || self == .bounced }
}

/// A delivery status notification (RFC 3464 §2.3.3 Action) still to send to the
/// envelope sender about one delivery.
public enum DeliveryNotice: String, Sendable, Codable, Hashable {
    /// The delivery failed for good (permanent error or queue lifetime over).
    case failed
    /// Still queued after `queue.delay_warning`.
    case delayed
    /// Delivered, and the recipient's NOTIFY asked for SUCCESS.
    case delivered
    /// Passed to a server that does not support DSN, with NOTIFY=SUCCESS (RFC 3461 §6.2.1).
    case relayed

    /// The RFC 3461 NOTIFY condition that asks for this notice.
    public var condition: String {
        switch self {
        case .failed: return "FAILURE"
        case .delayed: return "DELAY"
        case .delivered, .relayed: return "SUCCESS"
        }
    }
}

/// One row of `queue_deliveries`, joined with what the queue CLI shows.
public struct QueuedDelivery: Sendable, Hashable {
    public var queueID: QueueID
    public var position: Int
    public var recipient: String?
    public var target: SpoolTarget
    public var status: DeliveryStatus
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastReply: String?
    /// A notice still to send about this delivery.
    public var notice: DeliveryNotice?
    /// The delay warning was sent.
    public var delayNotified: Bool
    /// The server that gave `lastReply`; nil when the reply was made here.
    public var remoteMTA: String?
    public var lastAttemptAt: Date?

    public init(queueID: QueueID, position: Int, recipient: String?, target: SpoolTarget, status: DeliveryStatus,
                attempts: Int, nextAttemptAt: Date, lastReply: String?, notice: DeliveryNotice?, delayNotified: Bool,
                remoteMTA: String?, lastAttemptAt: Date?) {
        self.queueID = queueID
        self.position = position
        self.recipient = recipient
        self.target = target
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastReply = lastReply
        self.notice = notice
        self.delayNotified = delayNotified
        self.remoteMTA = remoteMTA
        self.lastAttemptAt = lastAttemptAt
    }
}

/// One point of the queue chart.
public struct QueueSample: Sendable, Hashable, Codable {
    public var at: Date
    /// Messages in the queue.
    public var messages: Int
    /// Their total size in octets.
    public var bytes: Int64

    public init(at: Date, messages: Int, bytes: Int64) {
        self.at = at
        self.messages = messages
        self.bytes = bytes
    }
}

/// One message in the queue with its deliveries (for `postino queue list/show`).
public struct QueuedMessage: Sendable, Hashable {
    public var envelope: SpoolEnvelope
    public var deliveries: [QueuedDelivery]

    public init(envelope: SpoolEnvelope, deliveries: [QueuedDelivery]) {
        self.envelope = envelope
        self.deliveries = deliveries
    }

    public var queueID: QueueID { envelope.queueID }
    /// Deliveries not yet sent or bounced.
    public var open: [QueuedDelivery] { deliveries.filter { !$0.status.isFinal } }
}
