/// Time for the login throttle: a monotonic reading and a sleep. Tests inject a clock whose
/// sleeps advance its own time.
public protocol LoginClock: Sendable {
    /// Monotonic time since an arbitrary origin.
    func now() -> Duration
    /// Returns after `duration`, or at once when the task is cancelled (the authenticator
    /// cancels a waiting attempt's sleep to wake it early).
    func sleep(for duration: Duration) async
}

/// The real clock.
public struct SystemLoginClock: LoginClock {
    private let origin = ContinuousClock.now

    public init() {}

    public func now() -> Duration { ContinuousClock.now - origin }

    public func sleep(for duration: Duration) async {
        // Throws only when the task is cancelled: that is the early wake-up (or the
        // session is gone); either way the caller looks at the throttle again.
        try? await Task.sleep(for: duration)
    }
}
