import Directory
import Foundation

/// When a local delivery that failed for a temporary reason (mailbox over quota, a file
/// system error, the index busy) is tried again, and when it gives up (issue 23,
/// finding 5). The same schedule as the outbound queue (`Queue.RetrySchedule`): 5
/// minutes after the first failure, doubling up to an hour, never later than the end of
/// `queue.lifetime`; a failure at or after that end bounces with the last error (SPEC 5:
/// over quota is deferred, never lost early).
public struct LocalRetryPolicy: Sendable, Hashable {
    /// The wait after the first failure; doubled after each further one.
    public var firstDelay: TimeInterval
    /// The longest wait between two tries.
    public var maximumDelay: TimeInterval
    /// How often the agent looks for deliveries that are due again.
    public var sweepInterval: Duration

    public init(firstDelay: TimeInterval = 300, maximumDelay: TimeInterval = 3600, sweepInterval: Duration = .seconds(30)) {
        self.firstDelay = max(0, firstDelay)
        self.maximumDelay = max(self.firstDelay, maximumDelay)
        self.sweepInterval = sweepInterval
    }

    /// The defaults, with the queue's test overrides: `POSTINO_QUEUE_RETRY=FIRST[,MAX]`
    /// (seconds between tries) and `POSTINO_QUEUE_SWEEP=SECONDS` (how often to look).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> LocalRetryPolicy {
        var policy = LocalRetryPolicy()
        if let retry = environment["POSTINO_QUEUE_RETRY"] {
            let values = retry.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 >= 0 }
            if let first = values.first {
                policy = LocalRetryPolicy(firstDelay: first, maximumDelay: values.count > 1 ? values[1] : first,
                                          sweepInterval: policy.sweepInterval)
            }
        }
        if let sweep = environment["POSTINO_QUEUE_SWEEP"].flatMap(Double.init), sweep > 0 {
            policy.sweepInterval = .milliseconds(Int(min(sweep, 3600) * 1000))
        }
        return policy
    }

    /// What becomes of a delivery that has just failed temporarily.
    public enum Decision: Sendable, Hashable {
        /// Deferred: tried again at this moment.
        case retry(at: Date)
        /// `queue.lifetime` is over: it bounces with the last error.
        case expired
    }

    /// `failures` counts this one (1 = the first failure).
    public func decide(failures: Int, receivedAt: Date, now: Date, lifetime: TimeInterval) -> Decision {
        let expiry = receivedAt.addingTimeInterval(max(0, lifetime))
        if now >= expiry { return .expired }
        let doublings = min(max(failures, 1) - 1, 40)
        let delay = min(maximumDelay, firstDelay * pow(2, Double(doublings)))
        return .retry(at: min(now.addingTimeInterval(delay), expiry))
    }

    /// `queue.lifetime` now (read at every failure, so a change applies at once). When the
    /// settings cannot be read the default applies: it only decides when to give up later,
    /// and the failure being recorded already has its own error.
    static func lifetime(_ directory: any MailDirectory) -> TimeInterval {
        guard let duration = try? directory.settings.duration(.queueLifetime) else { return 4 * 86_400 }
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
