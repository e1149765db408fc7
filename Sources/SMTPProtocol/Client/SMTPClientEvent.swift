/// Everything that happens to a client session: the connection, the server's octets,
/// TLS progress, timers, and the messages the agent gives it.
public enum SMTPClientEvent: Sendable {
    /// The TCP connection is open; `tls` when it was made with implicit TLS.
    case connected(tls: Bool)
    /// Octets from the server (decrypted under TLS), in any chunking.
    case received([UInt8])
    /// The STARTTLS handshake completed.
    case tlsEstablished
    /// The STARTTLS handshake failed; the connection is unusable.
    case tlsFailed(String)
    /// The timer of `SMTPClientSession.timeout` fired.
    case timedOut
    /// The server closed the connection (or the glue did).
    case connectionClosed
    /// Answer to `.ready`: send this message.
    case send(SMTPClientMessage)
    /// Answer to `.ready`: nothing more to send, say QUIT.
    case quit
}
