/// Why a session ended before QUIT.
public struct SMTPClientFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Stage: String, Hashable, Sendable {
        /// Opening the TCP connection (refused, unreachable, timeout): set by the glue.
        case connect = "connect"
        case greeting = "initial greeting"
        case hello = "EHLO/HELO"
        case startTLS = "STARTTLS"
        case tlsHandshake = "TLS handshake"
        case authentication = "AUTH"
        case transaction = "mail transaction"
        case reset = "RSET"
        case idle = "idle"
    }

    public var stage: Stage
    /// The server's reply, when it gave one.
    public var reply: SMTPReply?
    /// What happened, in words (for logs and bounces).
    public var reason: String
    /// A 5xx greeting or HELO: the host will not take mail from us. Everything else
    /// (timeouts, lost connections, TLS and AUTH problems, 4xx) is worth another try.
    public var isPermanent: Bool

    public init(stage: Stage, reply: SMTPReply?, reason: String, isPermanent: Bool = false) {
        self.stage = stage
        self.reply = reply
        self.reason = reason
        self.isPermanent = isPermanent
    }

    /// True when the TLS handshake failed, so an opportunistic session may retry in plaintext.
    public var isTLSHandshakeFailure: Bool { stage == .tlsHandshake }

    public var description: String {
        if let reply { return "\(reason) (\(stage.rawValue)): \(reply.summary)" }
        return "\(reason) (\(stage.rawValue))"
    }
}
