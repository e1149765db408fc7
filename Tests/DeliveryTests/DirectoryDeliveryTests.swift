@testable import Delivery
import Directory
import Durability
import Foundation
import InMemoryStorage
import Intake
import Logging
import MailCore
import MailStore
import SieveStore
import Spool
import Testing

/// Local delivery with no database at all: `InMemoryDirectory`, `InMemoryMailStorage`,
/// `InMemorySieveStorage` and the spool over `InMemoryQueueRows` (its files in a
/// temporary directory). Domain example.org; alice, carol and dave; group sales (alice,
/// carol); alias team@example.org → group sales and public mailbox announce.
struct DirectoryDelivery {
    let root: URL
    let directory = InMemoryDirectory()
    let store = InMemoryMailStorage(hostName: "mx.example.org")
    let spool: Spool
    let scripts = InMemorySieveStorage()
    let ledger: MemoryLedger
    let dispatcher = RecordingDispatcher()
    let router: GeneratedMailRouter
    let delivery: LocalDelivery

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-directory-delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        directory.addDomain("example.org")
        for user in ["alice", "carol", "dave"] { directory.addUser(user) }
        directory.addGroup("sales", members: ["alice", "carol"])
        directory.addPublicMailbox("announce", groups: ["sales"])
        directory.addAddress("team", domain: "example.org", destinations: [.group("sales"), .publicMailbox("announce")])
        spool = try Spool(directory: root.appendingPathComponent("spool"), rows: InMemoryQueueRows(),
                          barrier: try FileSystemSyncBarrier(directories: [root]))
        ledger = MemoryLedger(store: store, spool: spool, directory: directory)
        router = GeneratedMailRouter(directory: directory)
        let intake = IntakePipeline(spool: spool, stages: [], dispatcher: dispatcher, router: router, logger: MemoryDelivery.quiet)
        delivery = LocalDelivery(spool: spool, store: store, ledger: ledger, directory: directory,
                                 sieve: SieveRunner(scripts: scripts, store: store, directory: directory, hostname: store.hostName),
                                 submitter: OutgoingSubmitter(intake: intake), logger: MemoryDelivery.quiet, retry: LocalRetryPolicy())
    }

    /// Spools a message to `recipient` with the deliveries the directory resolves it to
    /// (what the SMTP policy does at RCPT TO).
    func enqueue(to recipient: String, _ bytes: [UInt8] = MemoryDelivery.message()) async throws -> SpoolEnvelope {
        let deliveries = try router.deliveries(to: recipient)
        let envelope = SpoolEnvelope(queueID: QueueID.generate(), sender: "bob@remote.test", receivedAt: Date(), origin: .mx,
                                     deliveries: deliveries)
        return try await spool.enqueue(bytes, envelope: envelope)
    }

    /// Activates a Sieve script for the user.
    func activate(_ script: String, for user: String) throws {
        try scripts.put(user, "test", Array(script.utf8))
        try scripts.setActive(user, "test")
    }

    func inbox(_ user: String) throws -> [MessageRecord] {
        guard let mailbox = try store.mailbox(owner: .user(user), name: "INBOX") else { return [] }
        return try store.messages(in: mailbox.id)
    }
}

@Suite("Delivery with the in-memory directory: aliases, groups, settings, quota")
struct DirectoryDeliveryTests {
    @Test func anAliasToAGroupFillsEachMembersInboxAndThePublicMailbox() async throws {
        let harness = try DirectoryDelivery()
        let envelope = try await harness.enqueue(to: "Team@Example.org")
        #expect(envelope.deliveries.map(\.target) == [.mailbox(user: "alice", subaddress: nil), .mailbox(user: "carol", subaddress: nil),
                                                       .publicMailbox("announce")])
        #expect(try await harness.delivery.deliver(envelope.queueID))

        for (position, user) in ["alice", "carol"].enumerated() {
            let inbox = try harness.inbox(user)
            try #require(inbox.count == 1)
            #expect(inbox[0].base == "Q\(envelope.queueID)_\(position)")
            #expect(try harness.store.readMessage(try #require(try harness.store.mailbox(owner: .user(user), name: "INBOX")),
                                                  uid: inbox[0].uid) == MemoryDelivery.message())
            // The ledger recorded the usage in the in-memory directory.
            #expect(try harness.directory.user(named: user)?.quotaUsedBytes == Int64(inbox[0].size))
        }
        #expect(try harness.inbox("dave").isEmpty)
        let announce = try #require(try harness.store.mailbox(owner: .publicNamespace, name: "announce"))
        #expect(try harness.store.messages(in: announce.id).count == 1)
        #expect(try harness.spool.queue.message(envelope.queueID) == nil)
    }

    @Test func aGroupsOwnAddressFollowsTheSettingAndForwardsKeepACopy() async throws {
        let harness = try DirectoryDelivery()
        #expect(try harness.router.deliveries(to: "sales@example.org").isEmpty)  // groups.addresses is off by default
        try harness.directory.settings.set(.groupAddresses, "on")
        try harness.directory.update(user: "carol") { user in
            user.forwards = [EmailAddress(localPart: "dave", domain: "example.org")]
            user.keepCopy = true
        }
        let envelope = try await harness.enqueue(to: "sales+q4@example.org")
        #expect(envelope.deliveries.map(\.target) == [.mailbox(user: "alice", subaddress: "q4"), .mailbox(user: "carol", subaddress: "q4"),
                                                       .mailbox(user: "dave", subaddress: nil)])
        #expect(try await harness.delivery.deliver(envelope.queueID))
        for user in ["alice", "carol", "dave"] { #expect(try harness.inbox(user).count == 1) }
    }

    @Test func theDirectorysQuotaDefersAndItsUserCheckRefuses() async throws {
        let harness = try DirectoryDelivery()
        let size = Int64(MemoryDelivery.message().count)
        try harness.directory.update(user: "alice") { $0.quota = size * 3 / 2 }
        let first = try await harness.enqueue(to: "alice@example.org")
        #expect(try await harness.delivery.deliver(first.queueID))
        let second = try await harness.enqueue(to: "alice@example.org")
        #expect(try await harness.delivery.deliver(second.queueID) == false)
        let row = try #require(try harness.spool.queue.message(second.queueID)?.deliveries.first)
        #expect(row.status == .deferred && row.lastReply == "4.2.2 mailbox of alice is full")
        #expect(try harness.inbox("alice").count == 1)

        // A user removed between spooling and delivery: refused for good, nothing stored.
        let third = try await harness.enqueue(to: "carol@example.org")
        harness.directory.removeUser("carol")
        _ = try await harness.delivery.deliver(third.queueID)
        let refused = try #require(try harness.spool.queue.message(third.queueID)?.deliveries.first)
        #expect(refused.status == .bounced && refused.lastReply == "5.1.1 mailbox carol no longer exists")
        #expect(try harness.inbox("carol").isEmpty)
    }

    @Test func aSieveRedirectToTheAliasIsResolvedByTheDirectory() async throws {
        let harness = try DirectoryDelivery()
        try harness.activate(#"redirect "team@example.org";"#, for: "dave")
        let envelope = try await harness.enqueue(to: "dave@example.org")
        #expect(try await harness.delivery.deliver(envelope.queueID))
        #expect(try harness.inbox("dave").isEmpty)  // redirect without keep
        let redirected = try #require(await harness.dispatcher.dispatched.first)
        #expect(redirected.deliveries.map(\.target) == [.mailbox(user: "alice", subaddress: nil), .mailbox(user: "carol", subaddress: nil),
                                                         .publicMailbox("announce")])
    }
}
