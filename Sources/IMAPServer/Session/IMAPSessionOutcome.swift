/// What the connection must do after a command (besides writing its responses).
enum IMAPSessionOutcome: Sendable, Equatable {
    case proceed
    /// The tagged OK is out: start TLS now, discarding any buffered plaintext.
    case startTLS
    /// "+ idling" is out: read raw lines until DONE, then call `endIdle`.
    case idle(tag: String)
    /// The tagged OK of COMPRESS DEFLATE is out: compress from the next byte on
    /// (RFC 4978 §3).
    case compress
    /// BYE and the tagged OK are out: close.
    case logout
}
