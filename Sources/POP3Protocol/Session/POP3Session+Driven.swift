import ProtocolCore

/// How the shared NIO driver (ProtocolKit's `SessionChannelDriver`) talks to the session.
extension POP3Session: DrivenSession {
    public static func received(_ octets: [UInt8]) -> POP3SessionEvent { .received(octets) }
    public static var timedOut: POP3SessionEvent { .timedOut }
    public static var connectionClosed: POP3SessionEvent { .connectionClosed }
}
