import Authentication
import Synchronization

/// Virtual time for the authenticator: sleeps wait until the test moves time on (or their
/// task is cancelled), and time jumps straight to the next wake-up, so waits of seconds
/// take none.
final class VirtualClock: LoginClock {
    private struct Sleeper {
        var id: UInt64
        var deadline: Duration
        var continuation: CheckedContinuation<Void, Never>
    }
    private struct State {
        var now: Duration = .zero
        var sleepers: [Sleeper] = []
        var lastID: UInt64 = 0
    }
    private let state = Mutex(State())

    func now() -> Duration { state.withLock { $0.now } }

    func sleep(for duration: Duration) async {
        let id = state.withLock { state in
            state.lastID += 1
            return state.lastID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let cancelled = state.withLock { state in
                    if Task.isCancelled { return true }
                    state.sleepers.append(Sleeper(id: id, deadline: state.now + duration, continuation: continuation))
                    return false
                }
                if cancelled { continuation.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume()
        }
    }

    var sleeping: Int { state.withLock { $0.sleepers.count } }

    /// Moves time by `duration` (waking whoever is due).
    func advance(by duration: Duration) {
        let due = state.withLock { state -> [Sleeper] in
            state.now += duration
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Moves time to the earliest wake-up; false when nobody sleeps.
    func advanceToNextWakeUp() -> Bool {
        let next = state.withLock { state in state.sleepers.map(\.deadline).min().map { $0 - state.now } }
        guard let next else { return false }
        advance(by: max(next, .zero))
        return true
    }
}

/// Runs logins concurrently under a virtual clock: time moves on only when every unfinished
/// login is asleep. Returns each login's outcome and the virtual time it was answered at.
func runConcurrently(_ requests: [LoginRequest], _ authenticator: Authenticator,
                     _ clock: VirtualClock) async -> [(outcome: LoginOutcome, answeredAt: Duration)] {
    final class Tally: Sendable {
        let finished = Mutex(0)
        let results = Mutex([Int: (LoginOutcome, Duration)]())
    }
    let tally = Tally()
    await withTaskGroup(of: Void.self) { group in
        for (index, request) in requests.enumerated() {
            group.addTask {
                let outcome = await authenticator.authenticate(request)
                let at = clock.now()
                tally.results.withLock { $0[index] = (outcome, at) }
                tally.finished.withLock { $0 += 1 }
            }
        }
        group.addTask {
            while true {
                // Wait (in real time) until every unfinished login sleeps or all are done.
                var settled = false
                for _ in 0..<5000 {
                    let done = tally.finished.withLock { $0 }
                    if done == requests.count { return }
                    if clock.sleeping == requests.count - done { settled = true; break }
                    try? await Task.sleep(for: .milliseconds(1))
                }
                if !settled || !clock.advanceToNextWakeUp() { return }
            }
        }
    }
    return tally.results.withLock { results in (0..<requests.count).map { results[$0].map { (outcome: $0.0, answeredAt: $0.1) } ?? (.unavailable, .seconds(-1)) } }
}
