import ProtocolCore

/// How the shared NIO driver (ProtocolKit's `SessionChannelDriver`) talks to the session.
extension SMTPSession: DrivenSession {
    public static func received(_ octets: [UInt8]) -> SMTPSessionEvent { .received(octets) }
    public static var timedOut: SMTPSessionEvent { .timedOut }
    public static var connectionClosed: SMTPSessionEvent { .connectionClosed }
}
