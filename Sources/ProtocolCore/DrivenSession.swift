/// A pure session state machine as the shared NIO driver sees it: events in, actions out.
/// The driver feeds received octets, TLS and timer events, closes the connection when told,
/// arms the timer the session names and stops reading while the session wants no input;
/// every other action is the protocol server's to carry out.
public protocol DrivenSession: Sendable {
    associatedtype Event
    associatedtype Action
    associatedtype TimeoutKind: Hashable & Sendable

    mutating func handle(_ event: Event) -> [Action]
    /// The timer to arm after the current event; nil for none.
    var timeout: SessionTimeout<TimeoutKind>? { get }
    /// False while the session has enough unread input (backpressure).
    var wantsMoreInput: Bool { get }

    static func received(_ octets: [UInt8]) -> Event
    static var timedOut: Event { get }
    static var connectionClosed: Event { get }
}
