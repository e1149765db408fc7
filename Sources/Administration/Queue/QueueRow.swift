import Foundation
import Queue

/// A queued message as `queue list --json` and `GET /api/v1/queue` show it.
public struct QueueRow: Codable, Sendable, Hashable {
    public var qid: String
    /// Empty for the null sender.
    public var sender: String
    /// The recipients still to do (all of them once none is open).
    public var recipients: [String]
    public var size: Int
    /// ISO 8601.
    public var arrival: String
    public var age_seconds: Int
    /// The most tries of any open delivery.
    public var attempts: Int
    /// The last reply of a deferred or bounced delivery.
    public var last_error: String?
    public var deliveries: [QueueDeliveryRow]

    public init(qid: String, sender: String, recipients: [String], size: Int, arrival: String, age_seconds: Int,
                attempts: Int, last_error: String?, deliveries: [QueueDeliveryRow]) {
        self.qid = qid
        self.sender = sender
        self.recipients = recipients
        self.size = size
        self.arrival = arrival
        self.age_seconds = age_seconds
        self.attempts = attempts
        self.last_error = last_error
        self.deliveries = deliveries
    }

    init(_ entry: QueueEntry) {
        self.init(qid: entry.queueID, sender: entry.sender, recipients: entry.recipients, size: entry.size,
                  arrival: AdminTime.iso8601(entry.arrival), age_seconds: entry.age, attempts: entry.attempts,
                  last_error: entry.lastError, deliveries: entry.deliveries.map(QueueDeliveryRow.init))
    }
}

/// One delivery of a queued message.
public struct QueueDeliveryRow: Codable, Sendable, Hashable {
    public var recipient: String
    /// `local`, `remote` or `relay HOST:PORT`.
    public var route: String
    /// `pending`, `deferred`, `sent`, `bounced`…
    public var status: String
    public var attempts: Int
    /// ISO 8601; null once the delivery is final.
    public var next_attempt: String?
    public var last_reply: String?

    public init(recipient: String, route: String, status: String, attempts: Int, next_attempt: String?, last_reply: String?) {
        self.recipient = recipient
        self.route = route
        self.status = status
        self.attempts = attempts
        self.next_attempt = next_attempt
        self.last_reply = last_reply
    }

    init(_ d: QueueDeliveryEntry) {
        self.init(recipient: d.recipient, route: d.route, status: d.status, attempts: d.attempts,
                  next_attempt: d.nextAttempt.map(AdminTime.iso8601), last_reply: d.lastReply)
    }
}

/// `queue show --json`, `GET /api/v1/queue/{qid}`: the message and its header section.
public struct QueueDetail: Codable, Sendable, Hashable {
    public var message: QueueRow
    /// As stored, with CRLF line ends.
    public var header: String

    public init(message: QueueRow, header: String) {
        self.message = message
        self.header = header
    }
}
