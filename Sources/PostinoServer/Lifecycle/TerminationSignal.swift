import Dispatch
import Foundation

/// Catches SIGTERM and SIGINT, the signals `serve` stops gracefully on. Install it before
/// announcing readiness: a signal that arrives earlier would otherwise kill the process.
public struct TerminationSignal: Sendable {
    /// Signal sources live as long as the process; kept here so they are never released.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    private let stream: AsyncStream<Int32>

    /// Call once, from the main task.
    public static func install() -> TerminationSignal {
        let queue = DispatchQueue(label: "postino.signals")
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        for number in [SIGTERM, SIGINT] {
            // The default action would end the process before the handler runs.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
        return TerminationSignal(stream: stream)
    }

    /// Returns the number of the first signal that arrives.
    public func wait() async -> Int32 {
        for await number in stream { return number }
        return SIGTERM
    }
}
