/// Where the session stands, for the glue and for logs. Derived from the session's
/// private state.
public enum SMTPSessionState: Hashable, Sendable {
    /// No `.connected` event yet.
    case notConnected
    /// Greeting sent, no HELO/EHLO yet.
    case greeting
    /// After HELO/EHLO, no transaction.
    case ready
    /// After an accepted MAIL (recipients may follow).
    case inTransaction
    /// Reading DATA content or a BDAT chunk.
    case receivingMessage
    /// Inside AUTH, waiting for the client's SASL response.
    case authExchange
    /// Waiting for the server's answer to a question; input is buffered meanwhile.
    case awaitingServer
    /// 220 sent for STARTTLS, waiting for `.tlsEstablished`.
    case startingTLS
    /// `close` was emitted; further events are ignored.
    case closed
}
