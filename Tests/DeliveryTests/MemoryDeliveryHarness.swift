@testable import Delivery
import Directory
import Durability
import Foundation
import InMemoryStorage
import Intake
import Logging
import MailStore
import SieveStore
import Spool
import SpoolStore
import Synchronization

/// `LocalDeliveryLedger` over the in-memory mail store: indexes the staged copies in
/// memory, then applies the queue rows and the usage summary to the directory's SQLite
/// database. Two stores, so not one transaction as `SQLiteLocalDeliveryLedger`: the unit
/// tests need the records, not their atomicity. `failAfterIndexing` makes the next commit
/// fail once the copies are indexed (a try whose queue rows were lost).
final class MemoryLedger: LocalDeliveryLedger {
    let store: InMemoryMailStorage
    let spool: Spool
    let directory: any MailDirectory
    let commits = Mutex<[LocalDeliveryCommit]>([])
    let failAfterIndexing = Mutex(false)

    init(store: InMemoryMailStorage, spool: Spool, directory: any MailDirectory) {
        self.store = store
        self.spool = spool
        self.directory = directory
    }

    func commit(_ batch: LocalDeliveryCommit) async throws(LocalDeliveryLedgerError) -> Bool {
        commits.withLock { $0.append(batch) }
        do {
            _ = try await store.commit(batch.staged)
            if failAfterIndexing.withLock({ fail in defer { fail = false }; return fail }) { throw LedgerFailure() }
            try spool.queue.apply(batch.updates)
            for user in batch.quotaUsers { try directory.setQuotaUsage(user, bytes: try store.usage(of: .user(user)).bytes) }
            guard batch.forgetWhenFinished, try spool.queue.isFinished(batch.queueID) else { return false }
            // Rows and file at once: LocalDelivery's removal of the file then finds nothing to do.
            try spool.remove(batch.queueID)
            return true
        } catch {
            throw .storage("\(error)")
        }
    }

    func recordOutcomes(_ updates: [QueueRowUpdate]) async throws(LocalDeliveryLedgerError) {
        do { try spool.queue.apply(updates) } catch { throw .storage("\(error)") }
    }

    func isFinished(_ queueID: QueueID) async throws(LocalDeliveryLedgerError) -> Bool {
        do { return try spool.queue.isFinished(queueID) } catch { throw .storage("\(error)") }
    }

    struct LedgerFailure: Error, CustomStringConvertible {
        var description: String { "the queue rows could not be written" }
    }
}

/// The messages generated at delivery (vacation replies, redirects) as the intake hands them on.
actor RecordingDispatcher: IntakeDispatcher {
    private(set) var dispatched: [SpoolEnvelope] = []

    func dispatch(_ envelope: SpoolEnvelope) async { dispatched.append(envelope) }
}

/// Local delivery over `InMemoryMailStorage`: the directory, the queue rows and the Sieve
/// scripts in an in-memory SQLite database, the spool's files in a temporary directory,
/// the mail in memory. Users alice and carol at example.org, public mailbox "announce".
struct MemoryDelivery {
    let root: URL
    let directory: DirectoryStore
    let spool: Spool
    let store = InMemoryMailStorage(hostName: "mx.example.org")
    let scripts: SieveScriptStore
    let ledger: MemoryLedger
    let dispatcher = RecordingDispatcher()
    let intake: IntakePipeline
    let delivery: LocalDelivery

    static let quiet = Logger(label: "delivery-test") { _ in SwiftLogNoOpLogHandler() }

    init(quota: Int64? = nil) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-memory-delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        directory = try DirectoryStore.inMemory()
        try directory.addDomain("example.org")
        try directory.addUser("alice", password: .none, quota: quota)
        try directory.addUser("carol", password: .none)
        try directory.addPublicMailbox("announce", groups: [])
        let barrier = try FileSystemSyncBarrier(directories: [root])
        spool = try Spool(directory: root.appendingPathComponent("spool"), database: directory.database, barrier: barrier)
        scripts = try SieveScriptStore(root: root.appendingPathComponent("sieve"), database: directory.database)
        ledger = MemoryLedger(store: store, spool: spool, directory: directory)
        intake = IntakePipeline(spool: spool, stages: [], dispatcher: dispatcher, router: GeneratedMailRouter(directory: directory),
                                logger: Self.quiet)
        delivery = LocalDelivery(spool: spool, store: store, ledger: ledger, directory: directory,
                                 sieve: SieveRunner(scripts: scripts, store: store, directory: directory, hostname: store.hostName),
                                 submitter: OutgoingSubmitter(intake: intake), logger: Self.quiet, retry: LocalRetryPolicy())
    }

    static func message(subject: String = "hello", messageID: String = "<1@remote.test>") -> [UInt8] {
        Array(("From: bob@remote.test\r\nTo: alice@example.org\r\nSubject: \(subject)\r\nMessage-ID: \(messageID)\r\n"
            + "\r\nHello.\r\n").utf8)
    }

    /// Spools `bytes` from bob@remote.test for the users (and public mailboxes), as SMTP would.
    func enqueue(_ bytes: [UInt8] = message(), users: [String] = ["alice"], publicMailboxes: [String] = [])
        async throws -> SpoolEnvelope {
        let deliveries = users.map { SpoolDelivery(target: .mailbox(user: $0, subaddress: nil), recipient: "\($0)@example.org") }
            + publicMailboxes.map { SpoolDelivery(target: .publicMailbox($0), recipient: "\($0)@example.org") }
        let envelope = SpoolEnvelope(queueID: QueueID.generate(), sender: "bob@remote.test", receivedAt: Date(), origin: .mx,
                                     deliveries: deliveries)
        return try await spool.enqueue(bytes, envelope: envelope)
    }

    /// Activates a Sieve script for alice.
    func activate(_ script: String, for user: String = "alice") throws {
        try scripts.put(user, "test", Array(script.utf8))
        try scripts.setActive(user, "test")
    }

    /// The messages of a user's (or the public namespace's) mailbox, nil when it does not exist.
    func records(_ owner: MailboxOwner, _ name: String) throws -> [MessageRecord]? {
        guard let mailbox = try store.mailbox(owner: owner, name: name) else { return nil }
        return try store.messages(in: mailbox.id)
    }

    func bytes(_ owner: MailboxOwner, _ name: String, uid: UInt32) throws -> [UInt8] {
        try store.readMessage(try store.mailbox(owner: owner, name: name)!, uid: uid)
    }
}
