import NIOCore
import ProtocolCore

/// The protocol-specific half of one connection that `SessionChannelDriver` runs: it makes
/// the session, carries out the actions that are the protocol's own (answering questions
/// through the stores and the authenticator) and frees what it holds at the end. The
/// driver owns the rest: octets in, backpressure, the timer, TLS events, closing.
public protocol SessionGlue: AnyObject {
    associatedtype Session: DrivenSession

    /// "pop3", "managesieve"…: the prefix of the driver's log lines.
    var logName: String { get }
    /// Octets a client may send before the greeting that are kept for the session (SMTP
    /// answers early talkers); the rest is dropped.
    var earlyInputLimit: Int { get }

    /// The TCP connection is open (before any TLS handshake).
    func connectionOpened(_ driver: SessionChannelDriver<Self>)
    /// The connection is up (after the handshake on an implicit-TLS port: `tls` true).
    /// Makes the session, now or once an answer arrives, and calls `driver.begin`.
    func start(_ driver: SessionChannelDriver<Self>, tls: Bool)
    /// The STARTTLS handshake completed: the event that tells the session.
    func tlsEstablished(_ driver: SessionChannelDriver<Self>) -> Session.Event
    /// Carries out one action, in order.
    func perform(_ action: Session.Action, _ driver: SessionChannelDriver<Self>) -> SessionStep
    /// Every action of one event has been carried out (and written out).
    func actionsPerformed(_ driver: SessionChannelDriver<Self>)
    /// SIGTERM: say goodbye (`driver.goodbye`), at once or when a transaction is done.
    func shutdownRequested(_ driver: SessionChannelDriver<Self>)
    /// The session's timer fired (before the session hears of it).
    func timedOut(_ kind: Session.TimeoutKind, _ driver: SessionChannelDriver<Self>)
    /// The client can take more octets again (after `driver.isWritable` was false).
    func becameWritable(_ driver: SessionChannelDriver<Self>)
    /// The connection failed (reset, TLS error); it is closed next.
    func connectionLost(_ error: any Error, _ driver: SessionChannelDriver<Self>)
    /// The connection is gone: release locks, discard drafts.
    func connectionEnded(_ driver: SessionChannelDriver<Self>)
}

/// What the driver does after an action.
public enum SessionStep: Sendable {
    case proceed
    /// Start the TLS handshake now (the "ready" reply has been written).
    case startTLS
    /// Close once everything written so far is out.
    case close
}

extension SessionGlue {
    public var earlyInputLimit: Int { 0 }
    public func connectionOpened(_ driver: SessionChannelDriver<Self>) {}
    public func actionsPerformed(_ driver: SessionChannelDriver<Self>) {}
    public func becameWritable(_ driver: SessionChannelDriver<Self>) {}
    public func connectionLost(_ error: any Error, _ driver: SessionChannelDriver<Self>) {
        driver.logger.info("\(logName): lost connection from \(driver.remoteAddress): \(error)")
    }
    public func timedOut(_ kind: Session.TimeoutKind, _ driver: SessionChannelDriver<Self>) {}
    public func connectionEnded(_ driver: SessionChannelDriver<Self>) {}
}
