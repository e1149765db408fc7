import IMAPProtocol

/// Where a session writes its responses, in order. `send` returns once the output is
/// handed to the connection and, for large output, once the connection has room again
/// (backpressure for big FETCHes).
protocol IMAPResponseSink: Sendable {
    func send(_ responses: [IMAPResponse]) async
}
