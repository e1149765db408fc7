import ProtocolCore

/// What the glue must do, in order, after each event.
public enum SMTPSessionAction: Hashable, Sendable {
    /// Write the reply (`SMTPReply.encoded`). Flushing can wait until the end of the read
    /// batch: that is how replies to pipelined commands get grouped (RFC 2920 §3.2).
    case send(SMTPReply)
    /// Comes right after `send(220 Ready to start TLS)`: start the TLS handshake now, before
    /// reading anything else. The session has already discarded plaintext pipelined after
    /// STARTTLS (RFC 3207 §4.2, CVE-2011-0411); the glue must not deliver any octet read
    /// before the handshake either. Report `.tlsEstablished` when it completes.
    case startTLS
    /// Close the connection once the replies are written.
    case close
    /// A message starts: open a spool file for the octets that follow.
    case beginMessage(SMTPEnvelope)
    /// Append to the spool file of the message in progress.
    case appendMessageBytes([UInt8])
    /// Discard the message in progress (size limit, RSET, timeout, disconnect): nothing
    /// partial may be kept.
    case abortMessage
    /// May this envelope's reverse path send here (sender/login match, policy)? Answer
    /// with `.senderChecked`. The envelope has no recipients yet.
    case checkSender(SMTPEnvelope)
    /// May this recipient receive mail in this transaction (local domain or relay right,
    /// directory lookup, quota)? Answer with `.recipientChecked`.
    case checkRecipient(SMTPRecipient, SMTPEnvelope)
    /// Verify a login. Answer with `.authenticationChecked`.
    case authenticate(SMTPCredentials)
    /// The message is complete: fsync it, queue it, answer with `.messageCommitted`.
    case commitMessage(SMTPEnvelope)
}

/// A decoded SASL PLAIN or LOGIN exchange.
public typealias SMTPCredentials = LoginCredentials
