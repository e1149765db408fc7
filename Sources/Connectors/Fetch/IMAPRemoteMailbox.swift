import MailClient

/// An IMAP folder as a `RemoteMailbox` (UIDVALIDITY + UID identities). Waits for the
/// shared IMAP client (MailClient/IMAP).
public struct IMAPRemoteMailbox: RemoteMailbox {
    public static func open(_ account: ConnectorAccount) async throws(MailClientError) -> IMAPRemoteMailbox {
        throw .protocolError("IMAP connectors are not available yet")
    }

    public func scope() async -> String { "imap" }
    public func list() async throws(MailClientError) -> [RemoteMessage] { [] }
    public func fetch(_ message: RemoteMessage) async throws(MailClientError) -> [UInt8] { [] }
    public func delete(_ messages: [RemoteMessage]) async throws(MailClientError) {}
    public func close() async throws(MailClientError) {}
    public func abandon() async {}
}
