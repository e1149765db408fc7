@testable import Delivery
import Directory
import Foundation
import InMemoryStorage
import MailStore
import Spool
import Testing

@Suite("Delivery over the in-memory mail store: INBOX, batches, quota, retries")
struct MemoryDeliveryTests {
    @Test func aMessageLandsInInboxAsItCame() async throws {
        let harness = try MemoryDelivery()
        let envelope = try await harness.enqueue()
        #expect(try await harness.delivery.deliver(envelope.queueID))

        let inbox = try #require(try harness.records(.user("alice"), "INBOX"))
        try #require(inbox.count == 1)
        #expect(inbox[0].base == "Q\(envelope.queueID)_0")  // the deterministic name a retry recognises
        #expect(inbox[0].flags.isEmpty && inbox[0].keywords.isEmpty && inbox[0].inNew)
        #expect(try harness.bytes(.user("alice"), "INBOX", uid: inbox[0].uid) == MemoryDelivery.message())
        #expect(try harness.store.usage(of: .user("alice")) == (Int64(inbox[0].size), 1))
        #expect(try harness.directory.user(named: "alice")?.quotaUsedBytes == Int64(inbox[0].size))
        #expect(harness.store.durabilityRounds == 1)
        // Finished: rows and spool file are gone.
        #expect(try harness.spool.queue.message(envelope.queueID) == nil)
        #expect(!FileManager.default.fileExists(atPath: harness.spool.messagePath(envelope.queueID)))
    }

    @Test func severalRecipientsAreOneBatch() async throws {
        let harness = try MemoryDelivery()
        let envelope = try await harness.enqueue(users: ["alice", "carol"], publicMailboxes: ["announce"])
        #expect(try await harness.delivery.deliver(envelope.queueID))

        let commits = harness.ledger.commits.withLock { $0 }
        try #require(commits.count == 1)
        #expect(commits[0].staged.count == 3)
        #expect(commits[0].updates.map(\.status) == [.sent, .sent, .sent])
        #expect(commits[0].updates.map(\.reply) == ["delivered to alice/INBOX", "delivered to carol/INBOX",
                                                     "delivered to public/announce"])
        #expect(commits[0].quotaUsers == ["alice", "carol"])
        #expect(harness.store.durabilityRounds == 1)  // one round for every copy of the try
        #expect(try harness.records(.user("alice"), "INBOX")?.map(\.base) == ["Q\(envelope.queueID)_0"])
        #expect(try harness.records(.user("carol"), "INBOX")?.map(\.base) == ["Q\(envelope.queueID)_1"])
        #expect(try harness.records(.publicNamespace, "announce")?.map(\.base) == ["Q\(envelope.queueID)_2"])
    }

    @Test func overQuotaIsDeferredAndDeliveredOnceThereIsRoom() async throws {
        let size = Int64(MemoryDelivery.message().count)
        let harness = try MemoryDelivery(quota: size * 3 / 2)
        let first = try await harness.enqueue()
        #expect(try await harness.delivery.deliver(first.queueID))
        let second = try await harness.enqueue()
        #expect(try await harness.delivery.deliver(second.queueID) == false)

        let row = try #require(try harness.spool.queue.message(second.queueID)?.deliveries.first)
        #expect(row.status == .deferred && row.attempts == 1)
        #expect(row.lastReply == "4.2.2 mailbox of alice is full")
        #expect(row.nextAttemptAt > Date())
        #expect(try harness.records(.user("alice"), "INBOX")?.count == 1)
        #expect(harness.ledger.commits.withLock { $0.last?.staged.isEmpty } == true)

        try harness.directory.updateUser("alice", UserUpdate(quota: size * 3))
        #expect(try await harness.delivery.deliver(second.queueID))
        #expect(try harness.records(.user("alice"), "INBOX")?.map(\.base) == ["Q\(first.queueID)_0", "Q\(second.queueID)_0"])
    }

    @Test func aRetryAfterALostCommitStoresNothingTwice() async throws {
        let harness = try MemoryDelivery()
        let envelope = try await harness.enqueue(users: ["alice"], publicMailboxes: ["announce"])
        harness.ledger.failAfterIndexing.withLock { $0 = true }
        await #expect(throws: LocalDeliveryLedgerError.self) { try await harness.delivery.deliver(envelope.queueID) }
        #expect(try harness.records(.user("alice"), "INBOX")?.count == 1)  // indexed, but the rows were not written

        #expect(try await harness.delivery.deliver(envelope.queueID))
        let retry = try #require(harness.ledger.commits.withLock { $0.last })
        #expect(retry.staged.isEmpty)  // both copies recognised by their names
        #expect(retry.updates.map(\.status) == [.sent, .sent])
        #expect(try harness.records(.user("alice"), "INBOX")?.count == 1)
        #expect(try harness.records(.publicNamespace, "announce")?.count == 1)
    }

    @Test func theAgentDeliversThroughTheInterface() async throws {
        let harness = try MemoryDelivery()
        let agent = LocalDeliveryAgent(spool: harness.spool, store: harness.store, ledger: harness.ledger,
                                       directory: harness.directory, scripts: harness.scripts, intake: harness.intake,
                                       logger: MemoryDelivery.quiet)
        let envelopes = [try await harness.enqueue(users: ["alice"]), try await harness.enqueue(users: ["carol"])]
        for envelope in envelopes { await agent.submit(envelope.queueID) }
        await agent.waitUntilIdle()
        #expect(try harness.records(.user("alice"), "INBOX")?.count == 1)
        #expect(try harness.records(.user("carol"), "INBOX")?.count == 1)
        for envelope in envelopes { #expect(try harness.spool.queue.message(envelope.queueID) == nil) }
    }
}
