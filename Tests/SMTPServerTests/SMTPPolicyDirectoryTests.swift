import Directory
import Foundation
import InMemoryStorage
import MailCore
import MailStore
import SMTPProtocol
import Spool
import Testing
@testable import SMTPServer

/// The SMTP server's answers at MAIL and RCPT over `InMemoryDirectory` and
/// `InMemoryMailStorage`: what the directory resolves becomes the spool's deliveries, and
/// its refusals, relay rights and quotas become the replies. Domain example.org (hidden
/// copy to archive); alice, carol, archive; alias team@example.org → alice and carol;
/// staff@example.org internal-only → carol; trusted network 10.0.0.0/8.
struct PolicyFixture {
    let directory = InMemoryDirectory()
    let store = InMemoryMailStorage()
    let policy: SMTPPolicy

    init() throws {
        directory.addDomain("example.org", copyTo: EmailAddress(localPart: "archive", domain: "example.org"))
        for user in ["alice", "carol", "archive"] { directory.addUser(user) }
        directory.addAddress("team", domain: "example.org", destinations: [.user("alice"), .user("carol")])
        directory.addAddress("staff", domain: "example.org", destinations: [.user("carol")], internalOnly: true)
        try directory.settings.set(.trustedNetworks, "10.0.0.0/8")
        policy = SMTPPolicy(directory: directory, store: store)
    }

    func settings() throws -> SMTPServerSettings {
        try SMTPServerSettings.load(directory.settings)
    }

    static func envelope(from ip: String, user: String? = nil, sender: String = "bob@remote.test") -> SMTPEnvelope {
        SMTPEnvelope(reversePath: SMTPPath(target: .mailbox(address(sender))), authenticatedUser: user,
                     client: SMTPConnectionInfo(remoteAddress: ip))
    }

    static func recipient(_ text: String) -> SMTPRecipient {
        SMTPRecipient(path: SMTPPath(target: .mailbox(address(text))))
    }

    static func address(_ text: String) -> EmailAddress {
        let at = text.lastIndex(of: "@")!
        return EmailAddress(localPart: String(text[..<at]), domain: String(text[text.index(after: at)...]))
    }

    /// The verdict for RCPT TO `address` in `envelope`.
    func rcpt(_ address: String, _ envelope: SMTPEnvelope) throws -> SMTPPolicy.RecipientVerdict {
        try policy.checkRecipient(Self.recipient(address), envelope, settings: try settings())
    }
}

@Suite("SMTP policy over the in-memory directory and mail store")
struct SMTPPolicyDirectoryTests {
    @Test func anAliasBecomesItsUsersDeliveriesPlusTheDomainsHiddenCopy() throws {
        let fixture = try PolicyFixture()
        let verdict = try fixture.rcpt("Team@example.org", PolicyFixture.envelope(from: "192.0.2.7"))
        #expect(verdict.decision == .accept)
        #expect(verdict.deliveries.map(\.target) == [.mailbox(user: "alice", subaddress: nil), .mailbox(user: "carol", subaddress: nil),
                                                     .mailbox(user: "archive", subaddress: nil)])
        #expect(verdict.deliveries.map(\.recipient) == ["Team@example.org", "Team@example.org", nil])
        #expect(verdict.deliveries.last?.notify == ["NEVER"])  // hidden copies never ask for notices
    }

    @Test func anInternalAddressTakesMailFromTheTrustedNetworkOnly() throws {
        let fixture = try PolicyFixture()
        let outside = try fixture.rcpt("staff@example.org", PolicyFixture.envelope(from: "192.0.2.7"))
        guard case .reject(let reply) = outside.decision else {
            Issue.record("accepted from outside: \(outside.deliveries)")
            return
        }
        #expect(reply.code == 550 && reply.description.contains("5.7.1"))
        #expect(outside.deliveries.isEmpty)

        let inside = try fixture.rcpt("staff@example.org", PolicyFixture.envelope(from: "10.1.2.3"))
        #expect(inside.decision == .accept)
        #expect(inside.deliveries.first?.target == .mailbox(user: "carol", subaddress: nil))
    }

    @Test func anotherDomainIsRelayedForLoggedInUsersOnly() throws {
        let fixture = try PolicyFixture()
        let anonymous = try fixture.rcpt("dave@remote.test", PolicyFixture.envelope(from: "192.0.2.7"))
        #expect(anonymous.decision == .reject(SMTPPolicy.relayDenied))

        try fixture.directory.settings.set(.copyAllTo, "archive@example.org")
        let submitted = try fixture.rcpt("dave@remote.test", PolicyFixture.envelope(from: "192.0.2.7", user: "alice",
                                                                                     sender: "alice@example.org"))
        #expect(submitted.decision == .accept)
        #expect(submitted.deliveries.map(\.target) == [.remote(address: "dave@remote.test"), .mailbox(user: "archive", subaddress: nil)])
    }

    @Test func aFullMailboxIsATemporaryRefusal() async throws {
        let fixture = try PolicyFixture()
        try fixture.directory.update(user: "alice") { $0.quota = 10 }
        let inbox = try fixture.store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        _ = try await fixture.store.store(Array("Subject: x\r\n\r\nmore than ten octets\r\n".utf8), into: inbox,
                                          internalDate: Date(), flags: [], keywords: [])
        let verdict = try fixture.rcpt("alice@example.org", PolicyFixture.envelope(from: "192.0.2.7"))
        guard case .reject(let reply) = verdict.decision else {
            Issue.record("accepted for a full mailbox")
            return
        }
        #expect(reply.code == 452 && reply.description.contains("4.2.2"))
        #expect(try fixture.rcpt("carol@example.org", PolicyFixture.envelope(from: "192.0.2.7")).decision == .accept)
    }

    @Test func theSenderMustBeOneOfTheLoggedInUsersAddresses() throws {
        let fixture = try PolicyFixture()
        try fixture.directory.settings.set(.enforceSenderLoginMatch, "on")
        let settings = try fixture.settings()
        let own = PolicyFixture.envelope(from: "192.0.2.7", user: "alice", sender: "team@example.org")  // through the alias
        #expect(try fixture.policy.checkSender(own, settings: settings) == .accept)
        let other = PolicyFixture.envelope(from: "192.0.2.7", user: "alice", sender: "carol@example.org")
        guard case .reject(let reply) = try fixture.policy.checkSender(other, settings: settings) else {
            Issue.record("alice may send as carol")
            return
        }
        #expect(reply.code == 553)
    }
}
