import Foundation
import IMAPProtocol
import Logging
import MailClient

/// An IMAP folder as a `RemoteMailbox` (RFC 3501): identities are UIDs under the folder's
/// UIDVALIDITY (§2.3.1.1 — a new UIDVALIDITY means a new id space, so the scope changes
/// and the old memory is dropped once the new listing succeeds). Messages are read with
/// BODY.PEEK[] (no \Seen on the remote side); a folder only read (`--remote keep`) is
/// opened with EXAMINE. Deletion: UID STORE +FLAGS.SILENT (\Deleted), then an expunge of
/// just those messages (`IMAPClient.expunge(uids:)`: UID EXPUNGE, RFC 4315, or without
/// UIDPLUS a plain EXPUNGE that spares what others marked \Deleted).
public struct IMAPRemoteMailbox: RemoteMailbox {
    let client: IMAPClient
    let folder: String
    let uidValidity: UInt32

    public static func open(_ account: ConnectorAccount) async throws(MailClientError) -> IMAPRemoteMailbox {
        let client = try await IMAPClient.connect(account.connection)
        do {
            try await client.login(.password(user: account.login, password: account.password))
            let selected = try await client.select(account.folder, readOnly: account.remote == .keep)
            return IMAPRemoteMailbox(client: client, folder: account.folder, uidValidity: selected.uidValidity ?? 0)
        } catch {
            await client.close()
            throw error
        }
    }

    public func scope() async -> String { "imap:\(folder):\(uidValidity)" }

    public func list() async throws(MailClientError) -> [RemoteMessage] {
        try await client.uidSearch("ALL").map { RemoteMessage(remoteID: String($0), handle: Int($0)) }
    }

    public func fetch(_ message: RemoteMessage) async throws(MailClientError) -> [UInt8] {
        let box = FetchedBody()
        do {
            try await client.uidFetch([UInt32(message.handle)], items: "(UID BODY.PEEK[])") { fetch in
                if fetch.uid == UInt32(message.handle), let body = fetch.body { box.set(body) }
            }
        } catch let error as MailClientError {
            throw error
        } catch {
            throw .io("\(error)")
        }
        guard let body = box.get() else {
            throw .commandFailed(command: "UID FETCH \(message.handle)", response: "no message body returned")
        }
        return body
    }

    public func delete(_ messages: [RemoteMessage]) async throws(MailClientError) {
        let uids = messages.map { UInt32($0.handle) }
        try await client.uidStore(uids, operation: "+FLAGS.SILENT", flags: ["\\Deleted"])
        try await client.expunge(uids: uids)
    }

    public func close() async throws(MailClientError) {
        await client.logout()
    }

    public func abandon() async {
        await client.close()
    }

    /// Watches the folder with IDLE (RFC 2177) until cancelled, calling `changed` when the
    /// server announces messages (EXISTS). Without IDLE it returns: the interval applies.
    /// The session is renewed every 10 minutes (RFC 2177 §3: servers may drop an IDLE
    /// after 30) and after a failure: 30 s later, doubling to 30 minutes (a wrong password
    /// must not become a login storm on the remote server).
    static func idle(_ account: ConnectorAccount, logger: Logger, changed: @escaping @Sendable () async -> Void) async {
        var failures = 0
        while !Task.isCancelled {
            do {
                let client = try await IMAPClient.connect(account.connection)
                do {
                    try await client.login(.password(user: account.login, password: account.password))
                    _ = try await client.select(account.folder, readOnly: true)
                    guard await client.has("IDLE") else {
                        await client.logout()
                        return
                    }
                    failures = 0
                    let started = ContinuousClock.now
                    while !Task.isCancelled, ContinuousClock.now - started < .seconds(600) {
                        let untagged = try await client.idle(timeout: .seconds(60))
                        if untagged.contains(where: { if case .exists = $0 { return true } else { return false } }) {
                            await changed()
                        }
                    }
                    await client.logout()
                } catch {
                    await client.close()
                    throw error
                }
            } catch {
                failures += 1
                let wait = min(30 << min(failures - 1, 6), 1800)
                logger.debug("connector=\(account.email): IDLE watch: \(error); again in \(wait) s")
                try? await Task.sleep(for: .seconds(wait))
            }
        }
    }
}

/// The body a FETCH handler found (the handler is a @Sendable closure).
private final class FetchedBody: @unchecked Sendable {
    private let lock = NSLock()
    private var body: [UInt8]?

    func set(_ bytes: [UInt8]) { lock.withLock { body = bytes } }
    func get() -> [UInt8]? { lock.withLock { body } }
}
