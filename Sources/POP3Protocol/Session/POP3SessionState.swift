/// Where the session stands (RFC 1939 §3 states, refined for the glue and for logs).
public enum POP3SessionState: Hashable, Sendable {
    /// No `.connected` event yet.
    case notConnected
    /// Greeting sent, not logged in.
    case authorization
    /// Inside AUTH, waiting for the client's SASL response line.
    case authExchange
    /// Waiting for the server to check a login or open the maildrop; input is buffered.
    case awaitingLogin
    /// Logged in, maildrop open.
    case transaction
    /// Waiting for or streaming a message for RETR/TOP.
    case sendingMessage
    /// `+OK` sent for STLS, waiting for `.tlsEstablished`.
    case startingTLS
    /// QUIT received in TRANSACTION: waiting for the server to commit the deletions.
    case update
    /// `close` was emitted (or the client left); further events are ignored.
    case closed
}
