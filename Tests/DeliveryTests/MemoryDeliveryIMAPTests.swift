@testable import Delivery
import Authentication
import Directory
import Foundation
import IMAPProtocol
import InMemoryStorage
import NIOSSL
import Synchronization
import Testing
@testable import IMAPServer

/// What a user's IMAP session sees of local delivery, both over the one in-memory store.
@Suite("Delivery over the in-memory mail store: seen through an IMAPSession")
struct MemoryDeliveryIMAPTests {
    @Test func aSelectedSessionSeesTheDeliveredMessageWithItsFlags() async throws {
        let harness = try MemoryDelivery()
        try harness.activate("""
            require ["imap4flags"];
            addflag ["\\\\Flagged", "$Work"];
            """)
        let session = try await Self.session(harness, user: "alice")
        let select = try await session.send("S SELECT INBOX")
        #expect(select.contains("* 0 EXISTS") && select.last?.hasPrefix("S OK") == true)

        let envelope = try await harness.enqueue()
        #expect(try await harness.delivery.deliver(envelope.queueID))
        let noop = try await session.send("N NOOP")
        #expect(noop.contains("* 1 EXISTS"))  // the delivery's change notice reached the session
        let fetch = try await session.send("F UID FETCH 1:* (FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        let line = try #require(fetch.first { $0.hasPrefix("* 1 FETCH") })
        #expect(line.contains("\\Flagged") && line.contains("$Work") && !line.contains("\\Seen"))
        #expect(line.contains("RFC822.SIZE \(MemoryDelivery.message().count)"))
        #expect(fetch.contains("Subject: hello"))
        await session.session.endSession()
    }

    /// A logged-in session of `user` over TLS on the harness's store and directory.
    static func session(_ harness: MemoryDelivery, user: String) async throws -> Client {
        let authenticator = Authenticator(verifier: AnyUser(directory: harness.directory), policy: { LoginThrottlePolicy() },
                                          accessLog: MemoryDelivery.quiet)
        let environment = IMAPServerEnvironment(
            implicitTLS: false, directory: harness.directory, store: harness.store,
            tls: try NIOSSLContext(configuration: .makeClientConfiguration()), authenticator: authenticator,
            connections: IMAPConnectionCounter(), logger: MemoryDelivery.quiet)
        let sink = Sink()
        let session = IMAPSession(environment: environment, settings: try IMAPServerSettings.load(harness.directory.settings),
                                  remoteAddress: "192.0.2.1", tlsActive: true, sink: sink)
        let client = Client(session: session, sink: sink)
        let login = try await client.send("L LOGIN \(user) secret")
        try #require(login.last?.hasPrefix("L OK") == true)
        return client
    }

    struct Client {
        let session: IMAPSession
        let sink: Sink

        /// Runs one command; the lines the session wrote meanwhile, without CRLF.
        func send(_ text: String) async throws -> [String] {
            _ = await session.execute(try IMAPCommandParser.parse(text))
            return sink.take()
        }
    }

    final class Sink: IMAPResponseSink {
        private let written = Mutex<[UInt8]>([])

        func send(_ responses: [IMAPResponse]) async {
            written.withLock { bytes in for response in responses { bytes += IMAPResponseEncoder.encode(response) } }
        }

        func take() -> [String] {
            let bytes = written.withLock { bytes in defer { bytes = [] }; return bytes }
            return String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        }
    }

    /// Every user of the directory, any password (logging in is not under test).
    struct AnyUser: CredentialVerifier {
        let directory: DirectoryStore

        func verify(login: String, password: String, service: MailService) async -> AuthResult {
            guard let user = try? directory.user(named: login) else { return .failure(.invalidCredentials) }
            return .success(user, viaMaster: false)
        }
    }
}
