import ProtocolCore

/// How the shared NIO driver (ProtocolKit's `SessionChannelDriver`) talks to the session.
extension ManageSieveSession: DrivenSession {
    public static func received(_ octets: [UInt8]) -> ManageSieveSessionEvent { .received(octets) }
    public static var timedOut: ManageSieveSessionEvent { .timedOut }
    public static var connectionClosed: ManageSieveSessionEvent { .connectionClosed }
}
