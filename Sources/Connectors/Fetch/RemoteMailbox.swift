import MailClient

/// One message as the remote server lists it.
public struct RemoteMessage: Sendable, Hashable {
    /// The durable identity: a POP3 UIDL, `digest:…` without UIDL, or an IMAP UID.
    public var remoteID: String
    /// How to address it in this session: the POP3 message number or the IMAP UID.
    public var handle: Int

    public init(remoteID: String, handle: Int) {
        self.remoteID = remoteID
        self.handle = handle
    }
}

/// A logged-in session with the remote mailbox, whatever the protocol. The fetcher lists,
/// fetches, deletes what is safely stored and closes.
public protocol RemoteMailbox: Sendable {
    /// The id space of `RemoteMessage.remoteID` (see `FetchedMessage.scope`), known after `list`.
    func scope() async -> String
    func list() async throws(MailClientError) -> [RemoteMessage]
    func fetch(_ message: RemoteMessage) async throws(MailClientError) -> [UInt8]
    /// Removes messages; with POP3 the removal happens at `close` (RFC 1939 §6).
    func delete(_ messages: [RemoteMessage]) async throws(MailClientError)
    /// Says goodbye (POP3 QUIT commits the deletions).
    func close() async throws(MailClientError)
    /// Drops the connection without goodbye (a POP3 server then deletes nothing).
    func abandon() async
}
