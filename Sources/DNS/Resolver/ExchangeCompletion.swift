import NIOCore

/// Finishes one exchange exactly once, on the channel's event loop: the first answer,
/// error or timeout wins and later events are ignored.
struct ExchangeCompletion {
    private let promise: EventLoopPromise<DNSMessage>
    private var timeoutTask: Scheduled<Void>?
    private(set) var isDone = false
    /// The last problem with an answer that was dropped; reported instead of a bare timeout.
    var lastProblem: String?

    init(promise: EventLoopPromise<DNSMessage>) {
        self.promise = promise
    }

    mutating func armTimeout(_ task: Scheduled<Void>) {
        timeoutTask = task
    }

    mutating func succeed(_ message: DNSMessage) {
        guard !isDone else { return }
        isDone = true
        timeoutTask?.cancel()
        promise.succeed(message)
    }

    mutating func fail(_ error: DNSTransportError) {
        guard !isDone else { return }
        isDone = true
        timeoutTask?.cancel()
        promise.fail(error)
    }

    mutating func timedOut() {
        fail(lastProblem.map(DNSTransportError.malformed) ?? .timeout)
    }
}

extension Duration {
    /// As a NIO `TimeAmount`, clamped to what fits in nanoseconds.
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        guard seconds < Int64.max / 1_000_000_000 else { return .nanoseconds(Int64.max) }
        return .nanoseconds(max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
    }
}
