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
        // An authorization identity other than the login is not a proxy login here; the
        // master-user form is `user*admin` as the login name.
        if let authz = plain.authorizationID, authz.lowercased() != plain.authenticationID.lowercased() {
            throw IMAPCommandFailure(.no, .authorizationFailed, "Authorization identity refused")
        }
        try await authenticateCredentials(tag, username: plain.authenticationID, password: plain.password, mechanism: "PLAIN")
    }

    private func authenticateCredentials(_ tag: String, username: String, password: String, mechanism: String) async throws {
        let limiter = environment.limiter, ip = remoteAddress, directory = environment.directory
        if limiter.isBlocked(ip) {
            logger.info("imap auth refused: too many failures from \(ip)")
            throw IMAPCommandFailure(.no, .unavailable, "Too many failed logins from your address, try again later")
        }
        let result = try await BlockingIO.run { directory.authenticate(login: username, password: password, service: .imap) }
        switch result {
        case .success(let found, let viaMaster):
            guard environment.connections.acquire(user: found.name, ip: ip, limit: settings.maxConnectionsPerIP) else {
                logger.info("imap login refused: user=<\(found.name)>, rip=\(ip): maximum number of connections from user+IP exceeded (imap.max_connections_per_ip=\(settings.maxConnectionsPerIP))")
                throw IMAPCommandFailure(.no, .limit, "Maximum number of connections from user+IP exceeded")
            }
            holdsConnectionSlot = true
            limiter.recordSuccess(ip)
            let groups = (try? await BlockingIO.run { try directory.groups(ofUser: found.name) }) ?? []
            user = AuthenticatedUser(name: found.name, viaMaster: viaMaster,
                                     identifiers: [found.name, "anyone", "authenticated"] + groups.map { "$" + $0 },
                                     groups: groups)
            logger.info("imap login: user=<\(found.name)>, method=\(mechanism), rip=\(ip)\(tlsActive ? ", TLS" : "")\(viaMaster ? ", master user login by the administrator" : "")")
            try await prepareMailboxes(found.name)
            await sink.send([.tagged(tag, .ok, code: .capability(capabilities), text: "Logged in")])
        case .failure(.invalidCredentials):
            logger.info("imap auth failed: user=<\(username)>, method=\(mechanism), rip=\(ip)")
            try? await Task.sleep(for: limiter.recordFailure(ip))
            throw IMAPCommandFailure(.no, .authenticationFailed, "Authentication failed")
        case .failure(.serviceDisabled):
            logger.info("imap auth refused: user=<\(username)>: IMAP access disabled, rip=\(ip)")
            throw IMAPCommandFailure(.no, .authorizationFailed, "IMAP access is disabled for this account")
        case .failure(.unavailable(let why)):
            logger.error("imap auth unavailable: \(why)")
            throw IMAPCommandFailure(.no, .unavailable, "Authentication temporarily unavailable")
        }
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
