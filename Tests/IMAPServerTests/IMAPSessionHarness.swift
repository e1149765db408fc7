import Authentication
import Directory
import Foundation
import IMAPProtocol
import InMemoryStorage
import Logging
import MailStore
import NIOSSL
import Synchronization
@testable import IMAPServer

/// An IMAP server for session unit tests: the in-memory mail store, a directory in an
/// in-memory database, and an authenticator that lets the directory's users in with any
/// password (the password check is not what these tests are about).
struct IMAPTestServer {
    let store = InMemoryMailStorage()
    let directory: DirectoryStore
    let environment: IMAPServerEnvironment

    static let quiet = Logger(label: "imap-test") { _ in SwiftLogNoOpLogHandler() }

    init(users: [String] = ["alice", "bob"]) throws {
        directory = try DirectoryStore.inMemory()
        for user in users { try directory.addUser(user, password: .none) }
        let authenticator = Authenticator(verifier: AnyPassword(directory: directory), policy: { LoginThrottlePolicy() },
                                          accessLog: Self.quiet)
        environment = IMAPServerEnvironment(
            implicitTLS: false, directory: directory, store: store,
            tls: try NIOSSLContext(configuration: .makeClientConfiguration()), authenticator: authenticator,
            connections: IMAPConnectionCounter(), logger: Self.quiet)
    }

    /// A session over TLS (so LOGIN is allowed), logged in as `user`.
    func connect(as user: String) async throws -> IMAPTestClient {
        let sink = RecordingSink()
        let settings = try IMAPServerSettings.load(directory.settings)
        let session = IMAPSession(environment: environment, settings: settings, remoteAddress: "192.0.2.1",
                                  tlsActive: true, sink: sink)
        let client = IMAPTestClient(session: session, sink: sink)
        let login = try await client.send("L LOGIN \(user) secret")
        guard login.last?.hasPrefix("L OK") == true else { throw HarnessError("login failed: \(login)") }
        return client
    }

    /// Puts a message into a user's mailbox the way delivery does (no session involved).
    @discardableResult
    func deliver(_ text: String, to user: String, mailbox: String = "INBOX", flags: MessageFlags = []) async throws -> UInt32 {
        let box = try store.ensureMailbox(owner: .user(user), name: mailbox)
        return try await store.store(Array(text.utf8), into: box, internalDate: Date(), flags: flags, keywords: []).uid
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Every user of the directory, any password.
struct AnyPassword: CredentialVerifier {
    let directory: DirectoryStore

    func verify(login: String, password: String, service: MailService) async -> AuthResult {
        guard let user = try? directory.user(named: login) else { return .failure(.invalidCredentials) }
        return .success(user, viaMaster: false)
    }
}

/// One client connection: commands as text in, the session's output as lines out.
struct IMAPTestClient {
    let session: IMAPSession
    let sink: RecordingSink

    /// Runs one command and returns every line the session wrote meanwhile (untagged
    /// responses, then the tagged one), without CRLF. Literals may be written inline
    /// (`{5+}\r\nhello`).
    @discardableResult
    func send(_ text: String) async throws -> [String] {
        let command = try IMAPCommandParser.parse(text, limits: IMAPReaderLimits(
            maximumLineLength: 1 << 16, maximumLiteralSize: 1 << 20, maximumAppendSize: 1 << 20,
            maximumCommandSize: 1 << 21))
        _ = await session.execute(command)
        return sink.take()
    }

    /// Starts IDLE: returns the lines up to the "+ idling" continuation.
    func idle(tag: String = "I") async throws -> [String] {
        let outcome = await session.execute(try IMAPCommandParser.parse("\(tag) IDLE"))
        guard outcome == .idle(tag: tag) else { throw HarnessError("IDLE refused: \(sink.take())") }
        return sink.take()
    }

    /// Waits (up to 5 s) until the session wrote a line matching `predicate` on its own
    /// (IDLE updates), and returns what it wrote.
    func waitForOutput(_ predicate: (String) -> Bool) async throws -> [String] {
        var seen: [String] = []
        for _ in 0..<500 {
            seen += sink.take()
            if seen.contains(where: predicate) { return seen }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw HarnessError("no such line; got \(seen)")
    }

    func done() async -> [String] {
        await session.endIdle()
        return sink.take()
    }

    func close() async {
        await session.endSession()
    }
}

/// What a session wrote, encoded as on the wire.
final class RecordingSink: IMAPResponseSink {
    private let written = Mutex<[UInt8]>([])

    func send(_ responses: [IMAPResponse]) async {
        written.withLock { bytes in
            for response in responses { bytes += IMAPResponseEncoder.encode(response) }
        }
    }

    /// The lines written since the last call.
    func take() -> [String] {
        let bytes = written.withLock { bytes in
            defer { bytes = [] }
            return bytes
        }
        var lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
