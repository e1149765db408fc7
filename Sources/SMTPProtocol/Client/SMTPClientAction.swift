/// What the glue must do, in order, after each event.
public enum SMTPClientAction: Hashable, Sendable {
    /// Write these octets (flush at the end of the batch).
    case send([UInt8])
    /// The server said 220 to STARTTLS: put TLS in front of the connection now and report
    /// `.tlsEstablished` or `.tlsFailed`.
    case startTLS
    /// Close the connection once what was written is flushed.
    case close
    /// The session can take a message: answer with `.send` or `.quit`.
    case ready
    /// The outcome of the message given with `.send`, per recipient.
    case finished(SMTPTransactionResult)
    /// The session cannot go on (it closes); any message in progress was `finished` first.
    case failed(SMTPClientFailure)
}
