import Synchronization

/// A wake-up flag for one background loop: `signal` from anywhere, `wait` until signalled
/// or a timeout passes. Signals while nobody waits are remembered (one is enough).
final class AsyncWake: Sendable {
    private let pending = Atomic<Bool>(false)

    func signal() { pending.store(true, ordering: .releasing) }

    /// Polls the flag every 100 ms: cheap, and keeps this free of continuations that a
    /// cancelled task could leave dangling.
    func wait(timeout: Duration) async {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline, !Task.isCancelled {
            if pending.exchange(false, ordering: .acquiring) { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
