import Dispatch
import Foundation

/// Group commit for database work: calls that arrive while a transaction is being written
/// wait and then go together into the next one, as the sync barrier groups file syncs.
/// Concurrent local deliveries (16 at once) thus share one SQLite transaction instead of
/// queueing for the writer one by one. `write` gets every waiting input and returns one
/// result per input, in order: each input runs in its own savepoint, so one failing
/// delivery fails alone while the others commit.
final class GroupedTransactions<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    // @unchecked: `pending` and `writing` are only touched under `lock`.
    private let lock = NSLock()
    private var pending: [(input: Input, continuation: CheckedContinuation<Output, any Error>)] = []
    private var writing = false
    private let write: @Sendable ([Input]) throws -> [Result<Output, any Error>]

    init(write: @escaping @Sendable ([Input]) throws -> [Result<Output, any Error>]) {
        self.write = write
    }

    func submit(_ input: Input) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let starts = lock.withLock {
                pending.append((input, continuation))
                defer { writing = true }
                return !writing
            }
            // The first caller of an idle group writes, off the cooperative pool, until
            // nothing is waiting; later callers only wait for their turn.
            if starts { DispatchQueue.global().async { self.drain() } }
        }
    }

    private func drain() {
        while true {
            let group: [(input: Input, continuation: CheckedContinuation<Output, any Error>)] = lock.withLock {
                let group = pending
                pending = []
                if group.isEmpty { writing = false }
                return group
            }
            guard !group.isEmpty else { return }
            do {
                let results = try write(group.map(\.input))
                for (waiter, result) in zip(group, results) { waiter.continuation.resume(with: result) }
            } catch {
                // The transaction as a whole failed: nothing of it was recorded.
                for waiter in group { waiter.continuation.resume(throwing: error) }
            }
        }
    }
}
