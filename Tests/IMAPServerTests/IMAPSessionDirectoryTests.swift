import Authentication
import Directory
import Foundation
import InMemoryStorage
import MailStore
import NIOSSL
import Testing
@testable import IMAPServer

/// An IMAP server whose directory is `InMemoryDirectory`, logins going the server's way
/// (Authenticator → DirectoryCredentials → `verifyLogin`). Domain example.org; alice,
/// bob and carol; group staff (alice, carol) owning the public mailbox announce.
struct DirectoryIMAPServer {
    let store = InMemoryMailStorage()
    let directory = InMemoryDirectory()
    let environment: IMAPServerEnvironment

    init() throws {
        directory.addDomain("example.org")
        for user in ["alice", "bob", "carol"] { directory.addUser(user, password: "\(user)-pw") }
        directory.addGroup("staff", members: ["alice", "carol"])
        directory.addPublicMailbox("announce", groups: ["staff"])
        // No throttle waits: the failed logins here would slow the next ones down.
        let authenticator = Authenticator(verifier: DirectoryCredentials(directory: directory),
                                          policy: { LoginThrottlePolicy(initialPenalty: .zero) }, accessLog: IMAPTestServer.quiet)
        environment = IMAPServerEnvironment(
            implicitTLS: false, directory: directory, store: store,
            tls: try NIOSSLContext(configuration: .makeClientConfiguration()), authenticator: authenticator,
            connections: IMAPConnectionCounter(), logger: IMAPTestServer.quiet)
    }

    /// A new session over TLS, not logged in.
    func session() throws -> IMAPTestClient {
        let sink = RecordingSink()
        let session = IMAPSession(environment: environment, settings: try IMAPServerSettings.load(directory.settings),
                                  remoteAddress: "192.0.2.1", tlsActive: true, sink: sink)
        return IMAPTestClient(session: session, sink: sink)
    }

    /// The tagged reply to LOGIN in a new session, and the session.
    func login(_ name: String, _ password: String) async throws -> (reply: String, client: IMAPTestClient) {
        let client = try session()
        return (try await client.send("L LOGIN \(name) \(password)").last ?? "", client)
    }
}

@Suite("IMAP sessions over the in-memory directory: logins, groups, public mailboxes")
struct IMAPSessionDirectoryTests {
    @Test func loginChecksThePasswordTheLocalDomainAndTheServiceSwitch() async throws {
        let server = try DirectoryIMAPServer()
        #expect(try await server.login("alice", "alice-pw").reply.hasPrefix("L OK"))
        #expect(try await server.login("Alice@Example.org", "alice-pw").reply.hasPrefix("L OK"))
        #expect(try await server.login("alice", "bob-pw").reply.hasPrefix("L NO [AUTHENTICATIONFAILED]"))
        #expect(try await server.login("alice@elsewhere.test", "alice-pw").reply.hasPrefix("L NO [AUTHENTICATIONFAILED]"))
        #expect(try await server.login("nobody", "alice-pw").reply.hasPrefix("L NO [AUTHENTICATIONFAILED]"))

        try server.directory.update(user: "bob") { $0.imapEnabled = false }
        let refused = try await server.login("bob", "bob-pw").reply
        #expect(refused.hasPrefix("L NO") && !refused.hasPrefix("L NO [AUTHENTICATIONFAILED]"))
    }

    @Test func aPublicMailboxIsOpenToItsOwningGroupsMembersOnly() async throws {
        let server = try DirectoryIMAPServer()
        let announce = try server.store.ensureMailbox(owner: .publicNamespace, name: "announce")
        _ = try await server.store.store(Array(IMAPSessionTests.message(1, subject: "news").utf8), into: announce,
                                         internalDate: Date(), flags: [], keywords: [])

        let alice = try await server.login("alice", "alice-pw").client
        let selected = try await alice.send("S SELECT Public/announce")
        #expect(selected.contains("* 1 EXISTS"))
        #expect(selected.last == "S OK [READ-WRITE] SELECT completed")
        #expect(try await alice.send("M MYRIGHTS Public/announce").first?.hasPrefix("* MYRIGHTS \"Public/announce\" lrswipkxtea") == true)

        let bob = try await server.login("bob", "bob-pw").client
        #expect(try await bob.send("S SELECT Public/announce").last?.hasPrefix("S NO [NONEXISTENT]") == true)

        // Groups are read from the directory at login: bob, added to staff, gets in next time.
        server.directory.addGroup("staff", members: ["alice", "bob", "carol"])
        let again = try await server.login("bob", "bob-pw").client
        #expect(try await again.send("S SELECT Public/announce").last == "S OK [READ-WRITE] SELECT completed")
    }

    @Test func anACLNamingAGroupLetsItsMembersIn() async throws {
        let server = try DirectoryIMAPServer()
        let alice = try await server.login("alice", "alice-pw").client
        #expect(try await alice.send("C CREATE Projects").last == "C OK CREATE completed")
        #expect(try await alice.send("A SETACL Projects $staff lr") == ["A OK SETACL completed"])

        let carol = try await server.login("carol", "carol-pw").client
        #expect(try await carol.send("S SELECT Shared/alice/Projects").last?.hasPrefix("S OK [READ-ONLY]") == true)
        let bob = try await server.login("bob", "bob-pw").client
        #expect(try await bob.send("S SELECT Shared/alice/Projects").last?.hasPrefix("S NO [NONEXISTENT]") == true)
    }
}
