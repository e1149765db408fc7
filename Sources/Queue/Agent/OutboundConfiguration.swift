import Foundation
import SMTPProtocol

/// The outbound agent's fixed limits and timings (the administrator's settings are read
/// from the directory at every sweep, see `OutboundSettings`).
public struct OutboundConfiguration: Sendable {
    /// How often the queue is scanned for due deliveries, notices and leftovers.
    public var sweepInterval: Duration
    /// How often the queue's length and size are sampled, and how long samples are kept.
    public var sampleInterval: Duration
    public var sampleRetention: TimeInterval
    /// Connections open at once, in total and to one destination.
    public var maximumConnections: Int
    public var maximumConnectionsPerDestination: Int
    /// Another connection to the same destination is opened for every this many messages
    /// waiting (up to the per-destination limit); below that, one connection carries them.
    public var messagesPerConnectionShare: Int
    /// Messages sent over one connection before it is closed.
    public var maximumMessagesPerConnection: Int
    /// RCPT commands in one transaction (RFC 5321 §4.5.3.1.8 requires servers to take 100).
    public var maximumRecipientsPerTransaction: Int
    public var clientTimeouts: SMTPClientTimeouts
    /// Overrides the retry waits of `RetrySchedule` (first, maximum), for tests.
    public var retryOverride: (first: TimeInterval, maximum: TimeInterval)?

    public init(sweepInterval: Duration = .seconds(10), sampleInterval: Duration = .seconds(10),
                sampleRetention: TimeInterval = 3600, maximumConnections: Int = 20,
                maximumConnectionsPerDestination: Int = 4, messagesPerConnectionShare: Int = 5,
                maximumMessagesPerConnection: Int = 100, maximumRecipientsPerTransaction: Int = 100,
                clientTimeouts: SMTPClientTimeouts = SMTPClientTimeouts(),
                retryOverride: (first: TimeInterval, maximum: TimeInterval)? = nil) {
        self.sweepInterval = sweepInterval
        self.sampleInterval = sampleInterval
        self.sampleRetention = sampleRetention
        self.maximumConnections = max(1, maximumConnections)
        self.maximumConnectionsPerDestination = max(1, maximumConnectionsPerDestination)
        self.messagesPerConnectionShare = max(1, messagesPerConnectionShare)
        self.maximumMessagesPerConnection = max(1, maximumMessagesPerConnection)
        self.maximumRecipientsPerTransaction = max(1, maximumRecipientsPerTransaction)
        self.clientTimeouts = clientTimeouts
        self.retryOverride = retryOverride
    }

    /// The defaults, with test overrides from the environment:
    /// `POSTINO_QUEUE_RETRY=FIRST[,MAX]` (seconds between tries) and
    /// `POSTINO_QUEUE_SWEEP=SECONDS` (how often the queue is scanned). Not settings: a
    /// production queue has no business retrying every second.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> OutboundConfiguration {
        var configuration = OutboundConfiguration()
        if let retry = environment["POSTINO_QUEUE_RETRY"] {
            let values = retry.split(separator: ",").compactMap { Double(String($0).trimmingASCIIWhitespace) }.filter { $0 >= 0 }
            if let first = values.first {
                configuration.retryOverride = (first, values.count > 1 ? values[1] : first)
            }
        }
        if let sweep = environment["POSTINO_QUEUE_SWEEP"].flatMap(Double.init), sweep > 0 {
            configuration.sweepInterval = .milliseconds(Int(min(sweep, 3600) * 1000))
        }
        return configuration
    }
}
