/// Where the session stands (RFC 5804 §2), for the glue and for logs.
public enum ManageSieveSessionState: Hashable, Sendable {
    /// No `.connected` event yet.
    case notConnected
    case nonAuthenticated
    /// Inside AUTHENTICATE, waiting for the client's SASL response.
    case authExchange
    case authenticated
    /// Waiting for the server's answer; input is buffered meanwhile.
    case awaitingServer
    /// OK sent for STARTTLS, waiting for `.tlsEstablished`.
    case startingTLS
    /// `close` was emitted (or the client left); further events are ignored.
    case closed
}
