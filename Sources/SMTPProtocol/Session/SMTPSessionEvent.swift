/// Everything that happens to a session: socket input, TLS progress, timers, and the
/// server's answers to the questions the session asked (`SMTPSessionAction`).
public enum SMTPSessionEvent: Sendable {
    /// The connection is open (for port 465: the TLS handshake is done). Sends the greeting.
    case connected(SMTPConnectionInfo)
    /// Octets from the client, in any chunking (decrypted when under TLS).
    case received([UInt8])
    /// The STARTTLS handshake completed. All session state is reset (RFC 3207 §4.2).
    case tlsEstablished(SMTPTLSInfo)
    /// The timer of `SMTPSession.timeout` fired.
    case timedOut
    /// The client went away (or the glue closed the channel).
    case connectionClosed
    /// Answer to `.checkSender`.
    case senderChecked(SMTPPolicyDecision)
    /// Answer to `.checkRecipient`.
    case recipientChecked(SMTPPolicyDecision)
    /// Answer to `.authenticate`.
    case authenticationChecked(SMTPAuthenticationResult)
    /// Answer to `.commitMessage`.
    case messageCommitted(SMTPCommitResult)
}

/// The server's verdict on a sender or recipient.
public enum SMTPPolicyDecision: Hashable, Sendable {
    case accept
    /// Sent as is, e.g. `550 5.1.1 User unknown`, `554 5.7.1 Relay access denied`,
    /// `452 4.2.2 Mailbox full`. A 421 also ends the session.
    case reject(SMTPReply)
}

public enum SMTPAuthenticationResult: Hashable, Sendable {
    /// The identity to record (the server may canonicalise the login name).
    case success(user: String)
    /// 535 5.7.8 and one more failure towards `maxAuthFailures`. To slow down guessing, the
    /// server can simply answer late.
    case invalidCredentials
    /// Any other reply, e.g. 454 4.7.0 when the directory is unavailable, or a 421 when the
    /// client IP has failed too often; a 421 ends the session.
    case reject(SMTPReply)
}

public enum SMTPCommitResult: Hashable, Sendable {
    /// The message is on disk and fsync'd: `250 2.0.0 Ok: queued as <queueID>`.
    case queued(queueID: String)
    /// e.g. 554 5.7.1 from a content filter, 451 4.3.0 on a disk error. After either
    /// answer the spooled octets are the server's business: the session sends no
    /// `abortMessage` for them.
    case reject(SMTPReply)
}
