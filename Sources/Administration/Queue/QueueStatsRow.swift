/// The queue's length and size now and over the last hour (`queue stats --json`, the
/// dashboard's chart).
public struct QueueStatsRow: Codable, Sendable, Hashable {
    public var messages: Int
    public var bytes: Int64
    /// Oldest first, one every 10 s while a server runs.
    public var samples: [QueueSamplePoint]

    public init(messages: Int, bytes: Int64, samples: [QueueSamplePoint]) {
        self.messages = messages
        self.bytes = bytes
        self.samples = samples
    }
}

public struct QueueSamplePoint: Codable, Sendable, Hashable {
    /// ISO 8601.
    public var time: String
    public var messages: Int
    public var bytes: Int64

    public init(time: String, messages: Int, bytes: Int64) {
        self.time = time
        self.messages = messages
        self.bytes = bytes
    }
}
