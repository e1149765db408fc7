import Crypto
import MailClient

/// A POP3 maildrop as a `RemoteMailbox`: identities from UIDL (RFC 1939 §7), or, from a
/// server without UIDL, a SHA-256 digest of each message's header block (TOP n 0) — what
/// fetchmail falls back to as well.
public struct POP3RemoteMailbox: RemoteMailbox {
    let client: POP3Client

    public static func open(_ account: ConnectorAccount) async throws(MailClientError) -> POP3RemoteMailbox {
        let client = try await POP3Client.connect(account.connection)
        do {
            try await client.login(user: account.login, password: account.password)
        } catch {
            await client.abandon()
            throw error
        }
        return POP3RemoteMailbox(client: client)
    }

    public func scope() async -> String { "pop3" }

    public func list() async throws(MailClientError) -> [RemoteMessage] {
        if let ids = try await client.uniqueIDs() {
            return ids.map { RemoteMessage(remoteID: $0.uid, handle: $0.number) }
        }
        var result: [RemoteMessage] = []
        for entry in try await client.sizes() {
            let header = try await client.header(entry.number)
            result.append(RemoteMessage(remoteID: HeaderDigest.identity(of: header), handle: entry.number))
        }
        return result
    }

    public func fetch(_ message: RemoteMessage) async throws(MailClientError) -> [UInt8] {
        try await client.retrieve(message.handle)
    }

    public func delete(_ messages: [RemoteMessage]) async throws(MailClientError) {
        for message in messages { try await client.delete(message.handle) }
    }

    public func close() async throws(MailClientError) {
        try await client.quit()
    }

    public func abandon() async {
        await client.abandon()
    }
}

/// The identity of a message without a server-given id: the digest of its header block
/// (Received, Message-ID, Date… make it unique in practice).
public enum HeaderDigest {
    public static func identity(of header: [UInt8]) -> String {
        var block = header
        // Only the header: TOP n 0 returns the empty line that ends it, and servers differ
        // in whether a trailing line is included.
        while let last = block.last, last == 0x0A || last == 0x0D { block.removeLast() }
        let digest = SHA256.hash(data: block)
        return "digest:" + digest.prefix(20).map { String(format: "%02x", $0) }.joined()
    }
}
