/// The timeout in force in a session's current state. Sessions never read a clock: they
/// say which timeout applies, the NIO driver arms a timer after every event and reports
/// the session's timed-out event when it fires. `Kind` is the protocol's own list of
/// states that can time out.
public struct SessionTimeout<Kind: Hashable & Sendable>: Hashable, Sendable {
    public var kind: Kind
    public var duration: Duration

    public init(kind: Kind, duration: Duration) {
        self.kind = kind
        self.duration = duration
    }
}
