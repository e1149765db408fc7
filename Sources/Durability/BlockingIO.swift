import Dispatch

/// Runs blocking file-system or database work on Dispatch's global pool instead of a Swift
/// concurrency thread (whose small pool must never block) or a SwiftNIO event loop.
public enum BlockingIO {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
