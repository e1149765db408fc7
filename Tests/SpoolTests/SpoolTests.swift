import Durability
import Foundation
import GRDB
import Spool
import SpoolStore
import Testing

@Suite("Spool: commit, recovery, removal")
struct SpoolTests {
    struct Fixture {
        let root: URL
        let spool: Spool
        let database: DatabaseQueue
    }

    func makeFixture(spillThreshold: Int = 1 << 20) throws -> Fixture {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-spool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let database = try DatabaseQueue()
        let barrier = try FileSystemSyncBarrier(directories: [root])
        let spool = try Spool(directory: root, database: database, barrier: barrier, spillThreshold: spillThreshold)
        return Fixture(root: root, spool: spool, database: database)
    }

    func envelope(_ targets: [SpoolTarget]) -> SpoolEnvelope {
        SpoolEnvelope(queueID: QueueID.generate(), sender: "a@example.org", receivedAt: Date(), origin: .mx,
                      deliveries: targets.map { SpoolDelivery(target: $0, recipient: "x@example.com") })
    }

    @Test(arguments: [1 << 20, 10])
    func commitStoresTheBytesAndQueuesEveryDelivery(spillThreshold: Int) async throws {
        let f = try makeFixture(spillThreshold: spillThreshold)
        let draft = f.spool.makeDraft()
        let message = Array("Subject: hi\r\n\r\nbody line that is longer than ten octets\r\n".utf8)
        draft.append(message.prefix(7))
        draft.append(message.dropFirst(7))
        let accepted = try await f.spool.commit(draft, envelope: envelope([.mailbox(user: "alice", subaddress: nil), .remote(address: "b@elsewhere.net")]))
        #expect(accepted.queueID == draft.queueID)
        #expect(accepted.size == message.count)
        #expect(try f.spool.readMessage(accepted.queueID) == message)
        let queued = try #require(try f.spool.queue.message(accepted.queueID))
        #expect(queued.envelope == accepted)
        // One file per message: the envelope is in the queue row.
        #expect(DurableFile.list(f.root.path + "/active") == ["\(accepted.queueID).msg"])
        #expect(queued.deliveries.map(\.status) == [.pending, .pending])
        #expect(try f.spool.queue.due(kinds: ["mailbox"], now: Date(), limit: 10) == [accepted.queueID])
        #expect(DurableFile.list(f.root.path + "/incoming").isEmpty)
    }

    @Test(arguments: [1 << 20, 4])
    func rewriteReplacesTheOctetsUnderTheSameQueueID(spillThreshold: Int) async throws {
        let f = try makeFixture(spillThreshold: spillThreshold)
        let draft = f.spool.makeDraft()
        draft.append(Array("Subject: x\r\n\r\nbody\r\n".utf8))
        let rewritten = try await f.spool.rewrite(draft) { bytes in Array("X-Signed: yes\r\n".utf8) + bytes }
        #expect(rewritten.queueID == draft.queueID)
        let accepted = try await f.spool.commit(rewritten, envelope: envelope([.remote(address: "b@elsewhere.net")]))
        #expect(try f.spool.readMessage(accepted.queueID) == Array("X-Signed: yes\r\nSubject: x\r\n\r\nbody\r\n".utf8))
        #expect(accepted.size == 35)
        // nil keeps the octets as they were.
        let kept = f.spool.makeDraft()
        kept.append(Array("same\r\n".utf8))
        let unchanged = try await f.spool.commit(try await f.spool.rewrite(kept) { _ in nil },
                                                 envelope: envelope([.remote(address: "b@elsewhere.net")]))
        #expect(try f.spool.readMessage(unchanged.queueID) == Array("same\r\n".utf8))
        #expect(DurableFile.list(f.root.path + "/incoming").isEmpty)
    }

    @Test func noticesKeepAMessageInTheQueue() async throws {
        let f = try makeFixture()
        let accepted = try await f.spool.enqueue(Array("a\r\n".utf8), envelope: envelope([.remote(address: "b@elsewhere.net")]))
        try await f.database.write { db in
            try f.spool.queue.update(accepted.queueID, position: 0, status: .bounced, reply: "550 5.1.1 no", notice: .failed, in: db)
        }
        #expect(try await f.database.read { db in try f.spool.queue.isFinished(accepted.queueID, in: db) } == false)
        #expect(try f.spool.queue.queueIDsWithNotices() == [accepted.queueID])
        #expect(try f.spool.queue.finishedQueueIDs().isEmpty)
        try await f.database.write { db in try f.spool.queue.clearNotices(accepted.queueID, positions: [0], in: db) }
        #expect(try await f.database.read { db in try f.spool.queue.isFinished(accepted.queueID, in: db) })
        #expect(try f.spool.queue.finishedQueueIDs() == [accepted.queueID])
    }

    @Test func discardedDraftLeavesNothing() async throws {
        let f = try makeFixture(spillThreshold: 4)
        let draft = f.spool.makeDraft()
        draft.append(Array("0123456789".utf8))
        draft.discard()
        try await Task.sleep(for: .milliseconds(50))
        #expect(DurableFile.list(f.root.path + "/incoming").isEmpty)
        #expect(try f.spool.queue.allQueueIDs().isEmpty)
    }

    @Test func recoveryKeepsAcceptedAndDropsTheRest() async throws {
        let f = try makeFixture()
        let kept = try await f.spool.enqueue(Array("a\r\n".utf8), envelope: envelope([.mailbox(user: "alice", subaddress: nil)]))
        let finished = try await f.spool.enqueue(Array("b\r\n".utf8), envelope: envelope([.mailbox(user: "bob", subaddress: nil)]))
        let torn = try await f.spool.enqueue(Array("c\r\n".utf8), envelope: envelope([.mailbox(user: "carol", subaddress: nil)]))
        // A crash: one message's file was removed (finished) but not its rows, one file is
        // torn, a draft, a file without rows and a leftover temporary file remain.
        try DurableFile.remove(f.spool.messagePath(finished.queueID))
        try DurableFile.remove(f.spool.messagePath(torn.queueID))
        try DurableFile.create(f.spool.messagePath(torn.queueID), bytes: Array("c".utf8))
        try DurableFile.create(f.root.path + "/incoming/ZZZZZZZZZZZZ", bytes: [1, 2, 3])
        try DurableFile.create(f.root.path + "/active/YYYYYYYYYYYY.msg", bytes: [1])
        try DurableFile.create(f.root.path + "/active/ZZZZZZZZZZZZ.env.tmp", bytes: [1])

        let report = try f.spool.recover()
        #expect(report.forgotten == [finished.queueID])
        #expect(Set(report.discarded) == ["incoming/ZZZZZZZZZZZZ", "active/ZZZZZZZZZZZZ.env.tmp",
                                          "active/YYYYYYYYYYYY.msg", "active/\(torn.queueID).msg"])
        #expect(try f.spool.queue.allQueueIDs() == [kept.queueID])
        #expect(DurableFile.list(f.root.path + "/active") == ["\(kept.queueID).msg"])
        // Running it again changes nothing.
        #expect(try f.spool.recover() == Spool.RecoveryReport())
    }

    @Test func removeDeletesRowsThenTheFile() async throws {
        let f = try makeFixture()
        let accepted = try await f.spool.enqueue(Array("a\r\n".utf8), envelope: envelope([.publicMailbox("sales")]))
        try f.spool.remove(accepted.queueID)
        #expect(!DurableFile.exists(f.spool.messagePath(accepted.queueID)))
        #expect(try f.spool.queue.message(accepted.queueID) == nil)
    }

    @Test func queueIDsAreUniqueSortableAndValidated() {
        let ids = (0..<1000).map { _ in QueueID.generate() }
        #expect(Set(ids).count == 1000)
        #expect(QueueID.generate(now: Date(timeIntervalSince1970: 1)) < QueueID.generate(now: Date(timeIntervalSince1970: 2)))
        #expect(QueueID("short") == nil)
        #expect(QueueID("../../etc/pw") == nil)
        #expect(QueueID(ids[0].rawValue) == ids[0])
    }
}
