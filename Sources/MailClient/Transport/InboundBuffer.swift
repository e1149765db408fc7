import NIOCore
import Synchronization

/// The bytes received on a connection and not yet consumed, with the one reader waiting
/// for more. Filled on the event loop by `InboundBufferHandler`, drained by the task that
/// owns the connection.
final class InboundBuffer: Sendable {
    private struct State {
        var bytes = ByteBuffer()
        var failure: MailClientError?
        var waiter: CheckedContinuation<Void, any Error>?
        /// Identifies the current wait, so that a late timer cannot fail a later one.
        var ticket: UInt64 = 0
        /// Readable bytes when the last `take` found too few: more than that means news.
        var consumedCheck = 0
        /// The wait whose timer fired, possibly before the reader registered.
        var expiredTicket: UInt64 = 0
    }

    private let state = Mutex(State())

    func append(_ buffer: inout ByteBuffer) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            state.bytes.writeBuffer(&buffer)
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// The connection ended or failed: readers see `failure` once the bytes before it are
    /// consumed. The first failure wins (a TLS alert before the close).
    func finish(_ failure: MailClientError) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            if state.failure == nil { state.failure = failure }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Drops everything buffered: after STARTTLS nothing sent in clear may be used
    /// (RFC 3207 §4.2, RFC 3501 §6.2.1).
    func discardBuffered() {
        state.withLock { $0.bytes.clear() }
    }

    /// Runs `take` on the buffered bytes; it returns nil when it needs more.
    /// Throws the connection's failure when no more bytes can come.
    func take<T>(_ take: (inout ByteBuffer) throws -> T?) throws -> T? {
        try state.withLock { state in
            if let value = try take(&state.bytes) {
                state.bytes.discardReadBytes()
                return value
            }
            if let failure = state.failure { throw failure }
            state.consumedCheck = state.bytes.readableBytes
            return nil
        }
    }

    /// Waits until more bytes arrive, the connection ends, or `timeout` passes.
    func waitForMore(on eventLoop: any EventLoop, timeout: Duration, stage: @autoclosure () -> String) async throws {
        let failure = MailClientError.timeout(stage: stage())
        let ticket = state.withLock { state -> UInt64 in
            state.ticket &+= 1
            return state.ticket
        }
        let timer = eventLoop.scheduleTask(in: timeout.timeAmount) { [self] in
            let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard state.ticket == ticket else { return nil }
                state.expiredTicket = ticket
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(throwing: failure)
        }
        defer { timer.cancel() }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let ready = state.withLock { state -> Bool? in
                if state.expiredTicket == ticket { return nil }
                // Bytes arrived (or the end came) between the failed `take` and now.
                if state.failure != nil || state.bytes.readableBytes > state.consumedCheck { return true }
                state.waiter = continuation
                return false
            }
            switch ready {
            case nil: continuation.resume(throwing: failure)
            case true?: continuation.resume()
            case false?: break
            }
        }
    }
}


extension Duration {
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
