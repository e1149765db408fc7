import Foundation

/// When a temporarily failed delivery is tried again, when it gives up, and when the
/// sender hears that it is late (RFC 5321 §4.5.4.1: at least 30 minutes between tries,
/// 4–5 days before giving up; Postino's defaults are 5 minutes doubling up to an hour,
/// and `queue.lifetime`).
public struct RetrySchedule: Hashable, Sendable {
    /// The wait after the first failure; doubled after each further one.
    public var firstDelay: TimeInterval
    /// The longest wait between two tries.
    public var maximumDelay: TimeInterval
    /// How long a message may stay queued (`queue.lifetime`).
    public var lifetime: TimeInterval
    /// When the sender is told the message is still queued (`queue.delay_warning`);
    /// 0 = never.
    public var delayWarning: TimeInterval

    public init(firstDelay: TimeInterval = 300, maximumDelay: TimeInterval = 3600,
                lifetime: TimeInterval = 4 * 86_400, delayWarning: TimeInterval = 4 * 3600) {
        self.firstDelay = max(0, firstDelay)
        self.maximumDelay = max(self.firstDelay, maximumDelay)
        self.lifetime = max(0, lifetime)
        self.delayWarning = max(0, delayWarning)
    }

    /// The wait after `failures` failed tries (1 = the first failure).
    public func delay(afterFailures failures: Int) -> TimeInterval {
        let doublings = min(max(failures, 1) - 1, 40)
        return min(maximumDelay, firstDelay * pow(2, Double(doublings)))
    }

    /// The moment the message expires.
    public func expiry(receivedAt: Date) -> Date { receivedAt.addingTimeInterval(lifetime) }

    public func isExpired(receivedAt: Date, now: Date) -> Bool { now >= expiry(receivedAt: receivedAt) }

    /// The next try after a failure, never later than the expiry (so the last try happens
    /// when the lifetime ends and its failure bounces).
    public func nextAttempt(afterFailures failures: Int, now: Date, receivedAt: Date) -> Date {
        min(now.addingTimeInterval(delay(afterFailures: failures)), expiry(receivedAt: receivedAt))
    }

    /// True when a still-queued delivery should now trigger the delay notice: the warning
    /// time has passed, it was not sent yet, and the message has not expired first.
    public func wantsDelayWarning(receivedAt: Date, now: Date, alreadySent: Bool) -> Bool {
        guard delayWarning > 0, !alreadySent, delayWarning < lifetime else { return false }
        return now.timeIntervalSince(receivedAt) >= delayWarning
    }
}
