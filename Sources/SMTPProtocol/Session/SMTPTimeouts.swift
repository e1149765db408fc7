import ProtocolCore

/// RFC 5321 §4.5.3.2 timeouts. The session never reads a clock: it says which one applies
/// (`SMTPSession.timeout`) and the glue arms a timer and reports `.timedOut`.
public struct SMTPTimeouts: Hashable, Sendable {
    /// §4.5.3.2.7: waiting for the next command (also SASL responses, the TLS handshake).
    public var command: Duration
    /// §4.5.3.2.5: waiting for the next block of DATA or BDAT octets.
    public var dataBlock: Duration
    /// §4.5.3.2.6: the client waits this long for the reply after the final dot; the
    /// server should answer (even 451) before it gives up, or the message may be sent twice.
    public var dataTermination: Duration

    public init(command: Duration = .seconds(300), dataBlock: Duration = .seconds(180),
                dataTermination: Duration = .seconds(600)) {
        self.command = command
        self.dataBlock = dataBlock
        self.dataTermination = dataTermination
    }
}

/// The states of a session that can time out.
public enum SMTPTimeoutKind: Hashable, Sendable {
    /// The client owes us a command line: an idle timer, re-armed on every read.
    case command
    /// The client owes us message octets: an idle timer, re-armed on every read.
    case dataBlock
    /// We owe the client an answer to MAIL, RCPT or AUTH: the client is not idle; the
    /// duration bounds the server's own decision.
    case serverDecision
    /// We owe the client the reply after the message: bounds spooling and filtering.
    case messageCommit
}

/// The timeout in force in the session's current state.
public typealias SMTPTimeout = SessionTimeout<SMTPTimeoutKind>

extension SessionTimeout where Kind == SMTPTimeoutKind {
    /// True when the client is the one who is late if the timer fires.
    public var isClientIdleTimeout: Bool { kind == .command || kind == .dataBlock }
}
