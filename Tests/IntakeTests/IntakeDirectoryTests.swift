import Directory
import Durability
import Foundation
import InMemoryStorage
import Intake
import Logging
import Spool
import Testing

/// The intake's directory questions over `InMemoryDirectory`, its spool over
/// `InMemoryQueueRows`: who may write which From header at submission, and where mail
/// Postino writes itself goes. Domain example.org; alice, carol; team@example.org → alice.
@Suite("Intake over the in-memory directory and queue rows")
struct IntakeDirectoryTests {
    let directory = InMemoryDirectory()
    let rows = InMemoryQueueRows()
    let spool: Spool
    let dispatcher = RecordingDispatcher()
    let pipeline: IntakePipeline

    init() throws {
        directory.addDomain("example.org")
        directory.addUser("alice")
        directory.addUser("carol")
        directory.addAddress("team", domain: "example.org", destinations: [.user("alice")])
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-intake-directory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        spool = try Spool(directory: root, rows: rows, barrier: try FileSystemSyncBarrier(directories: [root]))
        let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        pipeline = IntakePipeline(spool: spool, stages: [SenderOwnershipStage(directory: directory, logger: quiet)], dispatcher: dispatcher,
                                  router: GeneratedMailRouter(directory: directory), logger: quiet)
    }

    func submit(from: String, as user: String) async -> IntakeResult {
        let draft = spool.makeDraft()
        draft.append(Array("From: \(from)\r\nTo: bob@remote.test\r\nSubject: hi\r\n\r\nbody\r\n".utf8))
        let envelope = IntakeEnvelope(sender: "\(user)@example.org", recipients: ["bob@remote.test"],
                                      deliveries: [SpoolDelivery(target: .remote(address: "bob@remote.test"), recipient: "bob@remote.test")])
        return await pipeline.submit(draft, envelope: envelope, origin: .submission(user: user))
    }

    @Test func aLoggedInUserWritesOnlyFromAddressesThatReachThem() async throws {
        try directory.settings.set(.enforceSenderLoginMatch, "on")
        guard case .queued(let accepted, _) = await submit(from: "Alice <team@example.org>", as: "alice") else {
            Issue.record("alice may not write From: team@")
            return
        }
        #expect(try rows.allQueueIDs() == [accepted.queueID])
        #expect(try rows.message(accepted.queueID)?.deliveries.map(\.status) == [.pending])

        guard case .refused(let reply, _) = await submit(from: "carol@example.org", as: "alice") else {
            Issue.record("alice may write From: carol@")
            return
        }
        #expect(reply.code == 550 && reply.enhanced == "5.7.1")
        #expect(try rows.allQueueIDs() == [accepted.queueID])  // nothing kept of the refused one

        try directory.settings.set(.enforceSenderLoginMatch, "off")
        guard case .queued = await submit(from: "carol@example.org", as: "alice") else {
            Issue.record("refused with the setting off")
            return
        }
    }

    @Test func generatedMailIsRoutedByTheDirectory() async throws {
        let bytes = Array("From: MAILER-DAEMON@example.org\r\nSubject: notice\r\n\r\nbody\r\n".utf8)
        let local = try #require(await pipeline.submit(GeneratedMessage(kind: .deliveryNotice, sender: "", recipient: "team@example.org", bytes: bytes)))
        #expect(local.deliveries.map(\.target) == [.mailbox(user: "alice", subaddress: nil)])
        let remote = try #require(await pipeline.submit(GeneratedMessage(kind: .vacation, sender: "", recipient: "bob@remote.test", bytes: bytes)))
        #expect(remote.deliveries.map(\.target) == [.remote(address: "bob@remote.test")])
        #expect(await pipeline.submit(GeneratedMessage(kind: .vacation, sender: "", recipient: "nobody@example.org", bytes: bytes)) == nil)
        #expect(try rows.allQueueIDs().count == 2)
        #expect(await dispatcher.dispatched.map(\.queueID) == [local.queueID, remote.queueID])
    }
}
