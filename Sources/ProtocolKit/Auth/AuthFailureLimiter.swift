import Foundation

/// Slows down password guessing from one IP address across connections and protocols:
/// every recent failure adds to the delay of the next failure reply, and past
/// `maxFailures` within `window` the address is refused outright (temporarily) until its
/// failures age out. A success clears the address.
public final class AuthFailureLimiter: @unchecked Sendable {
    // @unchecked: `failures` is only touched under `lock`.
    private let lock = NSLock()
    private var failures: [String: [Date]] = [:]
    public let maxFailures: Int
    public let window: TimeInterval
    public let delayPerFailure: Duration
    public let maxDelay: Duration

    public init(maxFailures: Int = 10, window: TimeInterval = 900,
                delayPerFailure: Duration = .milliseconds(500), maxDelay: Duration = .seconds(5)) {
        self.maxFailures = maxFailures
        self.window = window
        self.delayPerFailure = delayPerFailure
        self.maxDelay = maxDelay
    }

    /// True when the address has failed too often recently: answer with a temporary
    /// refusal without checking the password.
    public func isBlocked(_ address: String, now: Date = Date()) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return recent(address, now).count >= maxFailures
    }

    /// Records a failure; returns how long to wait before answering.
    public func recordFailure(_ address: String, now: Date = Date()) -> Duration {
        lock.lock()
        defer { lock.unlock() }
        var list = recent(address, now)
        list.append(now)
        failures[address] = list
        if failures.count > 100_000 { prune(now) }
        return min(maxDelay, delayPerFailure * list.count)
    }

    public func recordSuccess(_ address: String) {
        lock.lock()
        failures[address] = nil
        lock.unlock()
    }

    private func recent(_ address: String, _ now: Date) -> [Date] {
        (failures[address] ?? []).filter { now.timeIntervalSince($0) < window }
    }

    private func prune(_ now: Date) {
        failures = failures.compactMapValues { dates in
            let kept = dates.filter { now.timeIntervalSince($0) < window }
            return kept.isEmpty ? nil : kept
        }
    }
}
