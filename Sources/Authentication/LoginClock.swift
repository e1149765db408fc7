/// Time for the login throttle: a monotonic reading and a sleep. Tests inject a clock whose
/// sleeps advance its own time.
public protocol LoginClock: Sendable {
    /// Monotonic time since an arbitrary origin.
    func now() -> Duration
    func sleep(for duration: Duration) async
}

/// The real clock.
public struct SystemLoginClock: LoginClock {
    private let origin = ContinuousClock.now

    public init() {}

    public func now() -> Duration { ContinuousClock.now - origin }

    public func sleep(for duration: Duration) async {
        // Throws only when the task is cancelled: the session is gone and nobody reads
        // the reply; the attempt has been counted already.
        try? await Task.sleep(for: duration)
    }
}
