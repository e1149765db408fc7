import Dispatch
import Foundation

/// Waits for SIGTERM or SIGINT, the signals `serve` stops gracefully on.
public enum TerminationSignal {
    /// Signal sources live as long as the process; kept here so they are never released.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Returns the signal number that arrived. Call once, from the main task.
    public static func wait() async -> Int32 {
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
        for await number in stream { return number }
        return SIGTERM
    }
}
