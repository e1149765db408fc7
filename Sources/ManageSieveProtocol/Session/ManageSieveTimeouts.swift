import ProtocolCore

/// The session never reads a clock: it says which timeout applies
/// (`ManageSieveSession.timeout`), the glue arms a timer after every event and reports
/// `.timedOut` when it fires.
public struct ManageSieveTimeouts: Hashable, Sendable {
    /// Idle before login (RFC 5804 §1.2: may be shorter than after).
    public var nonAuthenticated: Duration
    /// Idle after login. RFC 5804 §1.2: at least 30 minutes; shorter values are raised.
    public var authenticated: Duration
    /// Waiting for the server (login check, script storage, compilation).
    public var serverDecision: Duration

    public static let minimumAuthenticated = Duration.seconds(1800)

    public init(nonAuthenticated: Duration = .seconds(120), authenticated: Duration = .seconds(1800),
                serverDecision: Duration = .seconds(120)) {
        self.nonAuthenticated = nonAuthenticated
        self.authenticated = max(authenticated, Self.minimumAuthenticated)
        self.serverDecision = serverDecision
    }
}

/// The states of a session that can time out.
public enum ManageSieveTimeoutKind: Hashable, Sendable {
    /// The client owes a command before login: re-armed on every read.
    case nonAuthenticatedIdle
    /// The client owes a command after login: re-armed on every read.
    case authenticatedIdle
    /// We owe the client an answer.
    case serverDecision
}

/// The timeout in force in the session's current state.
public typealias ManageSieveTimeout = SessionTimeout<ManageSieveTimeoutKind>
