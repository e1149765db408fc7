import Authentication
import MailCore
import Directory
import Durability
import Foundation
import IMAPProtocol
import MailStore

extension IMAPSession {
    func login(_ tag: String, _ username: String, _ password: String) async throws {
        guard tlsActive || settings.allowUnencrypted else {
            throw IMAPCommandFailure(.no, .privacyRequired, "Use STARTTLS (or port 993) before logging in")
        }
        try await authenticateCredentials(tag, username: username, password: password, mechanism: "LOGIN")
    }

    /// AUTHENTICATE PLAIN (RFC 4616), with the initial response given by SASL-IR or by the
    /// glue after a "+ " continuation.
    func authenticate(_ tag: String, _ mechanism: String, _ initial: [UInt8]?) async throws {
        guard mechanism.uppercased() == "PLAIN" else {
            throw IMAPCommandFailure(.no, .cannot, "Unsupported authentication mechanism")
        }
        guard tlsActive || settings.allowUnencrypted else {
            throw IMAPCommandFailure(.no, .privacyRequired, "Use STARTTLS (or port 993) before logging in")
        }
        guard let plain = try? SASLPlainMessage(parsing: initial ?? []) else {
            throw IMAPCommandFailure(.bad, nil, "Malformed PLAIN response")
        }
        try await authenticateCredentials(tag, username: plain.authenticationID, password: plain.password,
                                          authorizationID: plain.authorizationID, mechanism: "PLAIN")
    }

    private func authenticateCredentials(_ tag: String, username: String, password: String,
                                         authorizationID: String? = nil, mechanism: String) async throws {
        let ip = remoteAddress, directory = environment.directory
        let outcome = await environment.authenticator.authenticate(LoginRequest(
            service: .imap, mechanism: mechanism, login: username, authorizationID: authorizationID,
            password: password, remoteAddress: ip, tls: tlsActive))
        guard case .success(let name, let viaMaster) = outcome else { throw IMAPCommandFailure(outcome) }
        let groups: [String]
        do {
            groups = try await BlockingIO.run { try directory.groups(ofUser: name) }
        } catch {
            logger.error("imap login: user=<\(name)>, rip=\(ip): cannot read the user's groups: \(error)")
            throw IMAPCommandFailure(.no, .unavailable, "Authentication temporarily unavailable")
        }
        guard environment.connections.acquire(user: name, ip: ip, limit: settings.maxConnectionsPerIP) else {
            logger.info("imap login refused: user=<\(name)>, rip=\(ip): maximum number of connections from user+IP exceeded (imap.max_connections_per_ip=\(settings.maxConnectionsPerIP))")
            throw IMAPCommandFailure(.no, .limit, "Maximum number of connections from user+IP exceeded")
        }
        holdsConnectionSlot = true
        user = AuthenticatedUser(name: name, viaMaster: viaMaster,
                                 identifiers: [name, "anyone", "authenticated"] + groups.map { "$" + $0 },
                                 groups: groups)
        try await prepareMailboxes(name)
        await sink.send([.tagged(tag, .ok, code: .capability(capabilities), text: "Logged in")])
    }

    /// First login: INBOX and the special folders (SPEC §5), subscribed. Every login:
    /// the directory's usage summary is refreshed.
    private func prepareMailboxes(_ name: String) async throws {
        let store = store, directory = environment.directory
        try await BlockingIO.run {
            let owner = MailboxOwner.user(name)
            let existing = Set(try store.mailboxes(owner: owner).map(\.name))
            if !existing.contains("INBOX") {
                try store.ensureMailbox(owner: owner, name: "INBOX")
                try store.subscribe(user: name, name: "INBOX")
            }
            for (folder, use) in [("Sent", "\\Sent"), ("Drafts", "\\Drafts"), ("Trash", "\\Trash"), ("Junk", "\\Junk")]
            where !existing.contains(folder) {
                try store.ensureMailbox(owner: owner, name: folder, specialUse: use)
                try store.subscribe(user: name, name: folder)
            }
            let usage = try store.usage(of: owner)
            try? directory.setQuotaUsage(name, bytes: usage.bytes)
        }
    }
}
