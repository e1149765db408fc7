import Durability
import Foundation
import GRDB
import InMemoryStorage
@testable import Spool
import SpoolStore
import Testing

/// `InMemoryQueueRows` follows the SQLite rows: the same operations on both give the same
/// answers (due and notice selection, updates, what "finished" means, order, samples), and
/// a spool over the in-memory rows commits, recovers and removes as over SQLite.
@Suite("InMemoryQueueRows behaves like the SQLite queue rows")
struct QueueRowsParityTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func envelope(_ id: String, at offset: TimeInterval, _ targets: [SpoolTarget], size: Int) -> SpoolEnvelope {
        var envelope = SpoolEnvelope(queueID: QueueID(id)!, sender: "a@example.org", receivedAt: t0.addingTimeInterval(offset), origin: .mx,
                                     deliveries: targets.map { SpoolDelivery(target: $0, recipient: "x@example.com") })
        envelope.size = size
        return envelope
    }

    /// Runs one script of operations and writes down every answer.
    static func transcript(_ rows: any QueueRowStore) throws -> [String] {
        var log: [String] = []
        func note(_ label: String, _ value: Any) { log.append("\(label): \(value)") }
        func deliveries() throws -> [String] {
            try rows.messages().flatMap { message in
                message.deliveries.map { d in
                    "\(d.queueID.rawValue)#\(d.position) \(d.status) a=\(d.attempts) next=\(d.nextAttemptAt.timeIntervalSince1970) "
                        + "reply=\(d.lastReply ?? "-") notice=\(d.notice?.rawValue ?? "-") delay=\(d.delayNotified) "
                        + "mta=\(d.remoteMTA ?? "-") last=\(d.lastAttemptAt?.timeIntervalSince1970 ?? 0) \(d.target.kind)"
                }
            }
        }
        let b = envelope("B00000000001", at: 10, [.mailbox(user: "alice", subaddress: nil), .remote(address: "r@remote.test")], size: 100)
        let a = envelope("A00000000002", at: 20, [.publicMailbox("announce"), .remote(address: "s@remote.test")], size: 50)
        let local = envelope("G00000000007", at: 5, [.mailbox(user: "carol", subaddress: nil)], size: 7)
        try rows.insert(b)
        try rows.insert(a)
        try rows.insert(local)
        note("due remote early", try rows.due(kinds: ["remote"], now: t0.addingTimeInterval(8), limit: 10).map(\.rawValue))
        note("ids", try rows.allQueueIDs().map(\.rawValue))
        note("order", try rows.messages().map(\.queueID.rawValue))
        note("due local", try rows.due(kinds: ["mailbox", "public"], now: t0.addingTimeInterval(15), limit: 10).map(\.rawValue))
        note("due all", try rows.due(kinds: ["mailbox", "public", "remote"], now: t0.addingTimeInterval(30), limit: 1).map(\.rawValue))
        note("next remote", try rows.nextDue(kinds: ["remote"])?.timeIntervalSince1970 ?? 0)
        try rows.apply([
            QueueRowUpdate(b.queueID, position: 0, status: .sent, reply: "delivered", attemptAt: t0.addingTimeInterval(11)),
            QueueRowUpdate(b.queueID, position: 1, status: .deferred, reply: "451 later", nextAttemptAt: t0.addingTimeInterval(600),
                           remoteMTA: "mx.remote.test", attemptAt: t0.addingTimeInterval(12)),
            QueueRowUpdate(a.queueID, position: 0, status: .bounced, reply: "5.1.1 gone", notice: .failed),
            QueueRowUpdate(a.queueID, position: 1, status: .sent, reply: "250 ok", countAttempt: false, notice: .delivered,
                           delayNotified: true),
            QueueRowUpdate(QueueID("C00000000003")!, position: 0, status: .sent, reply: "no such row"),
        ])
        try rows.insert(b)  // idempotent: the rows keep their state
        // A later outcome without a notice keeps the one queued (SQL COALESCE).
        try rows.apply([QueueRowUpdate(a.queueID, position: 0, status: .bounced, reply: "5.1.1 still gone", countAttempt: false)])
        note("rows", try deliveries())
        note("next remote", try rows.nextDue(kinds: ["remote"])?.timeIntervalSince1970 ?? 0)
        note("due remote", try rows.due(kinds: ["remote"], now: t0.addingTimeInterval(599), limit: 10).map(\.rawValue))
        note("notices", try rows.queueIDsWithNotices(limit: 10).map(\.rawValue))
        note("finished", try [a, b].map { try rows.isFinished($0.queueID) })
        try rows.clearNotices(a.queueID, positions: [0, 1])
        note("finished after notices", try rows.finishedQueueIDs(limit: 10).map(\.rawValue))
        note("queued and finished", try [a.queueID, b.queueID, QueueID("C00000000003")!].map { try rows.isQueuedAndFinished($0) })
        note("unknown is finished", try rows.isFinished(QueueID("C00000000003")!))
        note("make due b", try rows.makeDue(b.queueID, now: t0.addingTimeInterval(100)))
        note("make due a", try rows.makeDue(a.queueID, now: t0.addingTimeInterval(100)))
        note("rows", try deliveries())
        try rows.recordSample(now: t0, keep: 3600)
        try rows.recordSample(now: t0.addingTimeInterval(1800), keep: 3600)
        try rows.recordSample(now: t0.addingTimeInterval(4000), keep: 3600)
        note("samples", try rows.samples().map { "\($0.at.timeIntervalSince1970) \($0.messages) \($0.bytes)" })
        let size = try rows.currentSize()
        note("size", "\(size.messages) \(size.bytes)")
        try rows.delete(a.queueID)
        note("ids", try rows.allQueueIDs().map(\.rawValue))
        note("message a", try rows.message(a.queueID) == nil)
        return log
    }

    @Test func theSameOperationsGiveTheSameAnswers() throws {
        let sqlite = try QueueStore(database: try DatabaseQueue()).rows
        let memory = InMemoryQueueRows()
        let expected = try Self.transcript(sqlite)
        let actual = try Self.transcript(memory)
        #expect(actual.count == expected.count)
        for (line, (got, want)) in zip(actual, expected).enumerated() { #expect(got == want, "line \(line)") }
    }

    @Test func aSpoolOverMemoryRowsCommitsRecoversAndRemoves() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-spool-memory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let rows = InMemoryQueueRows()
        let spool = try Spool(directory: root, rows: rows, barrier: try FileSystemSyncBarrier(directories: [root]))
        let bytes = Array("Subject: hi\r\n\r\nbody\r\n".utf8)
        let kept = try await spool.enqueue(bytes, envelope: Self.envelope("D00000000004", at: 0, [.mailbox(user: "alice", subaddress: nil)], size: 0))
        let removed = try await spool.enqueue(bytes, envelope: Self.envelope("H00000000005", at: 0, [.mailbox(user: "bob", subaddress: nil)], size: 0))
        #expect(try rows.message(kept.queueID)?.envelope.size == bytes.count)
        try spool.remove(removed.queueID)
        #expect(try rows.allQueueIDs() == [kept.queueID])
        // A row whose file is gone is forgotten at recovery; a file without a row is discarded.
        let orphan = Self.envelope("F00000000006", at: 0, [.mailbox(user: "carol", subaddress: nil)], size: 4)
        try rows.insert(orphan)
        let report = try spool.recover()
        #expect(report.forgotten == [orphan.queueID])
        #expect(try rows.allQueueIDs() == [kept.queueID])
        #expect(try spool.readMessage(kept.queueID) == bytes)
    }
}
