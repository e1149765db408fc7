/// Everything that happens to a session: socket input, TLS progress, timers, and the
/// server's answers to the questions the session asked (`POP3SessionAction`).
public enum POP3SessionEvent: Sendable {
    /// The connection is open (on port 995: the TLS handshake is done). Sends the greeting.
    case connected(POP3ConnectionInfo)
    /// Octets from the client, in any chunking (decrypted when under TLS).
    case received([UInt8])
    /// The STLS handshake completed; the session is back at a fresh AUTHORIZATION state.
    case tlsEstablished
    /// The timer of `POP3Session.timeout` fired.
    case timedOut
    /// The client went away (or the glue closed the channel).
    case connectionClosed
    /// Answer to `.authenticate`.
    case authenticationChecked(POP3AuthenticationResult)
    /// Answer to `.openMaildrop`.
    case maildropOpened(POP3MaildropResult)
    /// Part of the message asked for by `.retrieveMessage`, as stored (LF or CRLF line ends,
    /// no stuffing), in any chunking. Ignored once TOP has what it needs
    /// (`wantsMessageData` false), but `.messageEnd` is still expected.
    case messageData([UInt8])
    /// The whole message has been given.
    case messageEnd
    /// The message cannot be read. Before any `.messageData` the response is sent as the
    /// answer to RETR/TOP (e.g. `-ERR [SYS/TEMP] …`); after data was sent the client can only
    /// be told by closing the connection without the terminating line.
    case messageFailed(POP3Response)
    /// Answer to `.commitDeletions`.
    case deletionsCommitted(POP3CommitResult)
}

public enum POP3AuthenticationResult: Hashable, Sendable {
    /// The login is valid; the session goes on to open this user's maildrop.
    case success(user: String)
    /// `-ERR [AUTH] …`, and one more failure towards `maxAuthFailures`. To slow down
    /// guessing, the server can simply answer late.
    case invalidCredentials
    /// Any other answer, sent as is: `-ERR [SYS/TEMP] …` when the directory is down,
    /// `-ERR [LOGIN-DELAY] …`, `-ERR [AUTH] …` for an account without POP3 access.
    case reject(POP3Response)
}

public enum POP3MaildropResult: Hashable, Sendable {
    /// The maildrop is locked for this session; the listing in order (message n is
    /// `messages[n - 1]`). The lock is the session's until `.commitDeletions` or
    /// `.releaseMaildrop`.
    case opened([POP3MessageInfo])
    /// Another session holds the lock: `-ERR [IN-USE] …`.
    case inUse
    /// Sent as is, e.g. `-ERR [SYS/TEMP] …`. No lock is held.
    case reject(POP3Response)
}

public enum POP3CommitResult: Hashable, Sendable {
    /// Every marked message is gone: `+OK Logging out`.
    case committed
    /// Sent as is (RFC 1939 §6: e.g. `-ERR [SYS/TEMP] some deleted messages not removed`).
    case failed(POP3Response)
}
