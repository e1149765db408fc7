import Foundation

/// When an account runs next (pure): its interval with up to ±10 % jitter (so accounts
/// added together do not fetch in lockstep), doubled per failure in a row up to 6 hours
/// (exponential backoff, as fetchmail's poll skipping does coarsely).
public struct ConnectorSchedule: Sendable {
    public static let maximumBackoff: TimeInterval = 6 * 3600

    public static func delay(interval minutes: Int, failures: Int, jitter: Double) -> TimeInterval {
        let base = Double(max(1, minutes)) * 60
        let backoff = failures == 0 ? base : min(base * pow(2, Double(min(failures, 20))), max(base, maximumBackoff))
        return backoff * (1 + 0.1 * max(-1, min(1, jitter)))
    }

    /// Whether an account is due at `now`, given its last run (nil: never ran).
    public static func isDue(lastRun: Date?, interval: Int, failures: Int, jitter: Double, now: Date) -> Bool {
        guard let lastRun else { return true }
        return now.timeIntervalSince(lastRun) >= delay(interval: interval, failures: failures, jitter: jitter)
    }
}
