import Dispatch

/// Runs blocking file-system or database work on Dispatch's global pool instead of a Swift
/// concurrency thread (whose small pool must never block) or a SwiftNIO event loop.
public enum BlockingIO {
    /// True inside `inline(_:)`.
    @TaskLocal static var runsInline = false

    /// Runs `body` with its blocking work on the calling thread. For one-shot commands
    /// that do one thing at a time (`filter scan`, `spam score`): no other task waits for
    /// the thread, and the hop to Dispatch and back (two thread wake-ups) costs more than
    /// the work. Scoped to `body`'s task and its child tasks; never for the server.
    public static func inline<T>(_ body: () async throws -> T) async rethrows -> T {
        try await $runsInline.withValue(true) { try await body() }
    }

    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        if runsInline { return try work() }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
