/// Why the client session refused a command or a reply. The driver closes the connection
/// on any of them except `notAllowed` and `unsafeArgument` (its own mistakes).
public enum POP3ClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The command is not valid in this state (RFC 1939 §3: AUTHORIZATION / TRANSACTION).
    case notAllowed(command: String, state: POP3ClientSession.State)
    /// An argument holds CR, LF or NUL.
    case unsafeArgument(command: String)
    /// STLS while other commands wait for replies, or bytes after the STLS reply
    /// (RFC 2595 §4: nothing may be buffered across the TLS negotiation).
    case bytesAcrossTLS
    /// A line that is neither +OK, -ERR nor a continuation, or a reply nobody asked for.
    case malformedReply(String)
    /// A status line or a multi-line reply larger than the session allows.
    case replyTooLarge(limit: Int)

    public var description: String {
        switch self {
        case .notAllowed(let command, let state): return "\(command) is not allowed in the \(state) state"
        case .unsafeArgument(let command): return "\(command): the argument contains CR, LF or NUL"
        case .bytesAcrossTLS: return "data sent before or after STLS completed (possible injection)"
        case .malformedReply(let line): return "malformed reply from the server: \(line.prefix(100))"
        case .replyTooLarge(let limit): return "reply larger than \(limit) octets"
        }
    }
}
