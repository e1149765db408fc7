import Dispatch
import Synchronization

/// Runs blocking file-system or database work on Dispatch's global pool instead of a Swift
/// concurrency thread (whose small pool must never block) or a SwiftNIO event loop.
public enum BlockingIO {
    private static let inline = Atomic<Bool>(false)

    /// Run the work on the calling thread from now on. For one-shot commands that do one
    /// thing at a time (`filter scan`, `spam score`): no other task waits for the thread,
    /// and the hop to Dispatch and back (two thread wake-ups) cost more than the work.
    /// Never for the server.
    public static func runInline() {
        inline.store(true, ordering: .relaxed)
    }

    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        if inline.load(ordering: .relaxed) { return try work() }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
