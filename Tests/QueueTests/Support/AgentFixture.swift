import Directory
import Durability
import Foundation
import GRDB
import Intake
import Logging
@testable import Queue
import RelayStore
import SMTPProtocol
import Spool
import Synchronization
import MailCore
import SpoolStore

typealias MailCoreMessage = MailCore.Message

/// An outbound agent on a real spool (temporary directory) and in-memory directory, with
/// fake DNS and network. Local user alice@example.org; remote domains as the DNS says.
final class AgentFixture: Sendable {
    let root: URL
    let directory: DirectoryStore
    let spool: Spool
    let agent: OutboundAgent
    let transport: FakeTransport
    let handedOff = HandedOff()

    /// The notices the agent queued, as intake dispatched them.
    final class HandedOff: IntakeDispatcher {
        let list = Mutex<[SpoolEnvelope]>([])
        func dispatch(_ envelope: SpoolEnvelope) async { list.withLock { $0.append(envelope) } }
    }

    static let dns = FakeDNS(
        mx: ["example.net": [MXRecord(preference: 10, exchange: "mx1.example.net"),
                             MXRecord(preference: 20, exchange: "mx2.example.net")],
             "null.example": [MXRecord(preference: 0, exchange: ".")]],
        addresses: ["mx1.example.net": ["192.0.2.1"], "mx2.example.net": ["192.0.2.2"],
                    "relay.example.com": ["198.51.100.1"], "smart.example.com": ["198.51.100.2"]])

    init(transport: FakeTransport = FakeTransport(), dns: FakeDNS = AgentFixture.dns,
         lifetime: String = "4d", delayWarning: String = "4h",
         configuration: OutboundConfiguration = OutboundConfiguration(retryOverride: (60, 600))) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-queue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        directory = try DirectoryStore.inMemory()
        try directory.addDomain("example.org")
        try directory.addUser("alice", password: .none)
        try directory.settings.set(.serverHostname, "out.example.org")
        try directory.settings.set(.queueLifetime, lifetime)
        try directory.settings.set(.queueDelayWarning, delayWarning)
        spool = try Spool(directory: root, database: directory.database,
                          barrier: try FileSystemSyncBarrier(directories: [root]))
        self.transport = transport
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        // Notices enter through intake; its dispatcher records what it would hand on.
        let intake = IntakePipeline(spool: spool, stages: [], dispatcher: handedOff, router: GeneratedMailRouter(directory: directory),
                                    logger: logger)
        agent = try OutboundAgent(spool: spool, directory: directory, relays: try SQLiteRelayRuleStore(database: directory.database),
                                  dns: dns, transport: transport,
                                  configuration: configuration, logger: logger, intake: intake)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Queues a message from `sender` to remote `recipients`.
    @discardableResult
    func queue(from sender: String = "alice@example.org", to recipients: [String], notify: [String]? = nil,
               receivedAt: Date = Date(), dsnReturn: String? = nil,
               body: String = "From: alice@example.org\r\nSubject: test\r\n\r\nHello.\r\n") async throws -> SpoolEnvelope {
        let envelope = SpoolEnvelope(
            queueID: QueueID.generate(), sender: sender, receivedAt: receivedAt, origin: .submission,
            deliveries: recipients.map { SpoolDelivery(target: .remote(address: $0), recipient: $0, notify: notify) },
            dsnReturn: dsnReturn)
        return try await spool.enqueue(Array(body.utf8), envelope: envelope)
    }

    /// One sweep and everything it started.
    func run() async {
        await agent.sweep()
        await agent.waitUntilIdle()
    }

    func rows(_ id: QueueID) throws -> [QueuedDelivery] {
        try spool.queue.message(id)?.deliveries ?? []
    }

    /// Makes every open delivery due now (as `postino queue resend` does).
    func makeAllDue() throws {
        for id in try spool.queue.allQueueIDs() { _ = try spool.queue.makeDue(id) }
    }

    /// Notices queued so far, parsed.
    var notices: [(envelope: SpoolEnvelope, message: MailCoreMessage)] {
        handedOff.list.withLock { $0 }.compactMap { envelope in
            guard let bytes = try? spool.readMessage(envelope.queueID) else { return nil }
            return (envelope, MailCoreMessage(bytes: bytes))
        }
    }
}
