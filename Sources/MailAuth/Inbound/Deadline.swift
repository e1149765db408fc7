import Synchronization

/// Waits for a task's value until a deadline; nil when the deadline comes first. The
/// task is not waited for after that (it is cancelled and left to finish on its own: the
/// resolver's own timeouts bound it), so a slow DNS server never holds the caller.
enum Deadline {
    static func value<T: Sendable>(of task: Task<T, Never>, until deadline: ContinuousClock.Instant) async -> T? {
        let once = ResumeOnce<T?>()
        var timer: Task<Void, Never>?
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            once.set(continuation)
            Task {
                once.resume(await task.value)
            }
            timer = Task {
                try? await Task.sleep(until: deadline, clock: .continuous)
                once.resume(nil)
            }
        }
        // The value came first: the timer has nothing left to do.
        timer?.cancel()
        if result == nil { task.cancel() }
        return result
    }
}

/// Resumes a continuation with the first value offered.
private final class ResumeOnce<T: Sendable>: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<T, Never>?, resumed: Bool, pending: T?)>((nil, false, nil))

    func set(_ continuation: CheckedContinuation<T, Never>) {
        state.withLock { state in
            if state.resumed, let value = state.pending {
                continuation.resume(returning: value)
                state.pending = nil
            } else {
                state.continuation = continuation
            }
        }
    }

    func resume(_ value: T) {
        state.withLock { state in
            guard !state.resumed else { return }
            state.resumed = true
            if let continuation = state.continuation {
                continuation.resume(returning: value)
                state.continuation = nil
            } else {
                state.pending = value
            }
        }
    }
}
