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
        let sizes = try await client.sizes()
        var headers: [(header: [UInt8], size: Int)] = []
        for entry in sizes {
            headers.append((try await client.header(entry.number), entry.size))
        }
        return zip(sizes, HeaderDigest.identities(of: headers)).map { RemoteMessage(remoteID: $1, handle: $0.number) }
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
/// (Received, Message-ID, Date… make it unique in practice), its size, and its rank among
/// the listed messages with the same digest and size. Header blocks do repeat (a message
/// delivered twice, a server that adds no Received field): with the digest alone the second
/// copy looked fetched already — never fetched, yet deleted with the first.
public enum HeaderDigest {
    /// The identities of a whole listing (`LIST` sizes, `TOP n 0` headers), in its order;
    /// the same listing gives the same identities on every run.
    public static func identities(of listing: [(header: [UInt8], size: Int)]) -> [String] {
        var seen: [String: Int] = [:]
        return listing.map { entry in
            let base = identity(of: entry.header) + ":\(entry.size)"
            let rank = seen[base, default: 0]
            seen[base] = rank + 1
            return base + ":\(rank)"
        }
    }

    public static func identity(of header: [UInt8]) -> String {
        var block = header
        // Only the header: TOP n 0 returns the empty line that ends it, and servers differ
        // in whether a trailing line is included.
        while let last = block.last, last == 0x0A || last == 0x0D { block.removeLast() }
        let digest = SHA256.hash(data: block)
        return "digest:" + digest.prefix(20).map { String(format: "%02x", $0) }.joined()
    }
}
