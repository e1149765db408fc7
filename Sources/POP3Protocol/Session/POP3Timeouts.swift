import ProtocolCore

/// The session never reads a clock: it says which timeout applies (`POP3Session.timeout`),
/// the glue arms a timer after every event and reports `.timedOut` when it fires.
public struct POP3Timeouts: Hashable, Sendable {
    /// Idle before login (RFC 1939 §3 allows shorter than 10 minutes here in practice).
    public var authorization: Duration
    /// Idle after login. RFC 1939 §3: at least 10 minutes; shorter values are raised.
    public var transaction: Duration
    /// Waiting for the server (login check, maildrop lock, commit).
    public var serverDecision: Duration

    public static let minimumTransaction = Duration.seconds(600)

    public init(authorization: Duration = .seconds(120), transaction: Duration = .seconds(600),
                serverDecision: Duration = .seconds(120)) {
        self.authorization = authorization
        self.transaction = max(transaction, Self.minimumTransaction)
        self.serverDecision = serverDecision
    }
}

/// The states of a session that can time out.
public enum POP3TimeoutKind: Hashable, Sendable {
    /// The client owes a command before login: re-armed on every read.
    case authorizationIdle
    /// The client owes a command after login (RFC 1939 §3 autologout): re-armed on every
    /// read. When it fires nothing is deleted.
    case transactionIdle
    /// We owe the client an answer (login, maildrop, commit).
    case serverDecision
    /// A message is being streamed to the client: re-armed on every chunk.
    case messageTransfer
}

/// The timeout in force in the session's current state.
public typealias POP3Timeout = SessionTimeout<POP3TimeoutKind>
