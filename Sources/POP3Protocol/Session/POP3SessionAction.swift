import ProtocolCore

/// What the glue must do, in order, after each event.
public enum POP3SessionAction: Hashable, Sendable {
    /// Write the response (`POP3Response.encoded`). Flushing can wait until the end of the
    /// batch of actions: that is how responses to pipelined commands get grouped.
    case send(POP3Response)
    /// Write these octets of a RETR/TOP response (already CRLF, byte-stuffed, and for the
    /// last one terminated with ".\r\n").
    case sendMessageData([UInt8])
    /// Comes right after `send(+OK Begin TLS negotiation)`: start the handshake now, before
    /// reading anything else. Plaintext pipelined after STLS has been discarded (RFC 2595
    /// §4); the glue must not deliver any octet read before the handshake either. Report
    /// `.tlsEstablished` when it completes (or close the connection when it fails).
    case startTLS
    /// Close the connection once the responses are written. Any retrieval in progress is
    /// abandoned.
    case close
    /// Verify a login (USER/PASS or AUTH PLAIN). Answer with `.authenticationChecked`.
    case authenticate(POP3Credentials)
    /// Lock and list the maildrop of this user. Answer with `.maildropOpened`.
    case openMaildrop(user: String)
    /// Stream this message: `.messageData` chunks then `.messageEnd`, or `.messageFailed`.
    case retrieveMessage(POP3MessageRequest)
    /// QUIT in TRANSACTION (RFC 1939 §6, UPDATE state): delete these messages (possibly
    /// none), release the lock whatever happens, answer with `.deletionsCommitted`.
    case commitDeletions(user: String, messages: [POP3MessageReference])
    /// The session ends without UPDATE (timeout, dropped connection, error): delete nothing,
    /// release the lock taken at `.openMaildrop`.
    case releaseMaildrop(user: String)
}

/// A RETR or TOP request.
public struct POP3MessageRequest: Hashable, Sendable {
    public var message: POP3MessageReference
    /// The size announced in LIST, for the `+OK n octets` line and logs.
    public var octets: Int
    /// TOP's line count; nil for RETR. The session cuts the message itself: the server may
    /// stream the whole file and stop early when `POP3Session.wantsMessageData` turns false.
    public var topLines: Int?

    public init(message: POP3MessageReference, octets: Int, topLines: Int? = nil) {
        self.message = message
        self.octets = octets
        self.topLines = topLines
    }
}

/// A login to check (USER/PASS or SASL PLAIN).
public typealias POP3Credentials = LoginCredentials
