@testable import Delivery
import DeliveryStore
import Directory
import Durability
import Foundation
import Intake
import Logging
import MailStore
import SieveStore
import Spool
import SpoolStore
import Synchronization
import Testing

/// The SQLite ledger, with every batch it was handed remembered.
final class RecordingLedger: LocalDeliveryLedger {
    let ledger: SQLiteLocalDeliveryLedger
    let commits = Mutex<[LocalDeliveryCommit]>([])
    let outcomes = Mutex<[[QueueRowUpdate]]>([])

    init(_ ledger: SQLiteLocalDeliveryLedger) { self.ledger = ledger }

    func commit(_ batch: LocalDeliveryCommit) async throws(LocalDeliveryLedgerError) -> Bool {
        commits.withLock { $0.append(batch) }
        return try await ledger.commit(batch)
    }

    func recordOutcomes(_ updates: [QueueRowUpdate]) async throws(LocalDeliveryLedgerError) {
        outcomes.withLock { $0.append(updates) }
        try await ledger.recordOutcomes(updates)
    }

    func isFinished(_ queueID: QueueID) async throws(LocalDeliveryLedgerError) -> Bool {
        try await ledger.isFinished(queueID)
    }
}

actor IgnoringDispatcher: IntakeDispatcher {
    func dispatch(_ envelope: SpoolEnvelope) async {}
}

@Suite("Delivery: each try recorded through the LocalDeliveryLedger")
struct LocalDeliveryLedgerTests {
    let root: URL
    let directory: DirectoryStore
    let spool: Spool
    let store: MailStore
    let ledger: RecordingLedger
    let delivery: LocalDelivery

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        directory = try DirectoryStore.inMemory()
        try directory.addDomain("example.org")
        try directory.addUser("alice", password: .none)
        let spoolRoot = root.appendingPathComponent("spool"), mailRoot = root.appendingPathComponent("mail")
        try FileManager.default.createDirectory(at: mailRoot, withIntermediateDirectories: true)
        let barrier = try FileSystemSyncBarrier(directories: [root])
        spool = try Spool(directory: spoolRoot, database: directory.database, barrier: barrier)
        store = try MailStore(database: directory.database, mailRoot: mailRoot, barrier: barrier, hostname: "mx.example.org")
        ledger = RecordingLedger(SQLiteLocalDeliveryLedger(spool: spool, store: store))
        let scripts = try SieveScriptStore(root: root.appendingPathComponent("sieve"), database: directory.database)
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let intake = IntakePipeline(spool: spool, stages: [], dispatcher: IgnoringDispatcher(), router: nil, logger: logger)
        delivery = LocalDelivery(spool: spool, store: store, ledger: ledger, directory: directory,
                                 sieve: SieveRunner(scripts: scripts, store: store, directory: directory, hostname: "mx.example.org"),
                                 submitter: OutgoingSubmitter(intake: intake), logger: logger, retry: LocalRetryPolicy())
    }

    func enqueue(sender: String, users: [String]) async throws -> SpoolEnvelope {
        let message = "From: bob@remote.test\r\nSubject: hello\r\nMessage-ID: <1@remote.test>\r\n\r\nHello.\r\n"
        let envelope = SpoolEnvelope(queueID: QueueID.generate(), sender: sender, receivedAt: Date(), origin: .mx,
                                     deliveries: users.map { SpoolDelivery(target: .mailbox(user: $0, subaddress: nil),
                                                                           recipient: "\($0)@example.org") })
        return try await spool.enqueue(Array(message.utf8), envelope: envelope)
    }

    @Test func aCopyAndABounceAreOneCommit() async throws {
        let envelope = try await enqueue(sender: "bob@remote.test", users: ["alice", "ghost"])
        let finished = try await delivery.deliver(envelope.queueID)
        #expect(!finished)  // the bounce's notice is still to send

        let commits = ledger.commits.withLock { $0 }
        try #require(commits.count == 1)
        let batch = commits[0]
        #expect(batch.queueID == envelope.queueID && batch.forgetWhenFinished)
        #expect(batch.staged.count == 1)
        #expect(batch.quotaUsers == ["alice"])
        #expect(batch.updates.map(\.position) == [0, 1])
        #expect(batch.updates.map(\.status) == [.sent, .bounced])
        #expect(batch.updates[1].reply == "5.1.1 mailbox ghost no longer exists")
        #expect(batch.updates[1].notice == .failed)

        // What the SQLite ledger made of it: the rows, the index, the usage summary.
        let rows = try #require(try spool.queue.message(envelope.queueID)).deliveries
        #expect(rows.map(\.status) == [.sent, .bounced])
        #expect(rows.map(\.attempts) == [1, 1])
        let inbox = try #require(try store.mailbox(owner: .user("alice"), name: "INBOX"))
        #expect(try store.messages(in: inbox.id).count == 1)
        #expect(try directory.user(named: "alice")?.quotaUsedBytes == Int64(batch.staged[0].size))
    }

    @Test func aFinishedMessageIsForgotten() async throws {
        let envelope = try await enqueue(sender: "", users: ["alice"])
        #expect(try await delivery.deliver(envelope.queueID))
        #expect(try spool.queue.message(envelope.queueID) == nil)
        #expect(!FileManager.default.fileExists(atPath: spool.messagePath(envelope.queueID)))
        // A second try finds nothing to do and commits nothing.
        #expect(try await delivery.deliver(envelope.queueID) == false)
        #expect(ledger.commits.withLock { $0.count } == 1)
    }

    @Test func aFailedTryIsDeferredThroughTheLedger() async throws {
        let envelope = try await enqueue(sender: "bob@remote.test", users: ["alice"])
        struct Broken: Error, CustomStringConvertible { var description: String { "disk on fire" } }
        await delivery.recordFailure(envelope.queueID, Broken())

        let recorded = ledger.outcomes.withLock { $0 }
        try #require(recorded.count == 1 && recorded[0].count == 1)
        #expect(recorded[0][0].status == .deferred)
        #expect(recorded[0][0].reply == "4.3.0 local delivery failed: disk on fire")
        let row = try #require(try spool.queue.message(envelope.queueID)?.deliveries.first)
        #expect(row.status == .deferred && row.attempts == 1)
        #expect(row.nextAttemptAt > Date().addingTimeInterval(200))  // the first retry delay is 300 s
        #expect(try await ledger.isFinished(envelope.queueID) == false)
        #expect(ledger.commits.withLock { $0.isEmpty })
    }
}
