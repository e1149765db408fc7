import Foundation

/// The state of one delivery unit.
public enum DeliveryStatus: String, Sendable, Codable, Hashable {
    case pending, deferred, sent, bounced

    public var isFinal: Bool { self == .sent || self == .bounced }
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
}

/// One message in the queue with its deliveries (for `postino queue list/show`).
public struct QueuedMessage: Sendable, Hashable {
    public var envelope: SpoolEnvelope
    public var deliveries: [QueuedDelivery]

    public var queueID: QueueID { envelope.queueID }
    /// Deliveries not yet sent or bounced.
    public var open: [QueuedDelivery] { deliveries.filter { !$0.status.isFinal } }
}
