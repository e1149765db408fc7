/// The dashboard's figures (`GET /api/v1/dashboard`): mail per hour over the last 24
/// hours from the message events, the queue now, and each user's quota use.
public struct DashboardRow: Codable, Sendable, Hashable {
    /// 24 hours, oldest first, the current hour last; hours without mail are zeros.
    public var hours: [DashboardHourRow]
    /// The sums of `hours`.
    public var received: Int
    public var sent: Int
    public var refused: Int
    public var queue: DashboardQueueRow
    /// Every user, by name.
    public var quotas: [DashboardQuotaRow]

    public init(hours: [DashboardHourRow], queue: DashboardQueueRow, quotas: [DashboardQuotaRow]) {
        self.hours = hours
        self.received = hours.reduce(0) { $0 + $1.received }
        self.sent = hours.reduce(0) { $0 + $1.sent }
        self.refused = hours.reduce(0) { $0 + $1.refused }
        self.queue = queue
        self.quotas = quotas
    }
}

public struct DashboardHourRow: Codable, Sendable, Hashable {
    /// The start of the hour, ISO 8601 UTC.
    public var hour: String
    /// Messages accepted.
    public var received: Int
    /// Recipients delivered locally or relayed.
    public var sent: Int
    /// Messages refused (size, policy, unknown recipients).
    public var refused: Int

    public init(hour: String, received: Int, sent: Int, refused: Int) {
        self.hour = hour
        self.received = received
        self.sent = sent
        self.refused = refused
    }
}

public struct DashboardQueueRow: Codable, Sendable, Hashable {
    public var messages: Int
    public var bytes: Int64

    public init(messages: Int, bytes: Int64) {
        self.messages = messages
        self.bytes = bytes
    }
}

public struct DashboardQuotaRow: Codable, Sendable, Hashable {
    public var user: String
    /// Bytes stored.
    public var used: Int64
    /// Bytes allowed; nil: no quota.
    public var quota: Int64?
    /// `used` as a percentage of `quota` (nil without a quota).
    public var percent: Double?

    public init(user: String, used: Int64, quota: Int64?) {
        self.user = user
        self.used = used
        self.quota = quota
        self.percent = quota.flatMap { $0 > 0 ? (Double(used) * 1000 / Double($0)).rounded() / 10 : nil }
    }
}
