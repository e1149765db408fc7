import Foundation
@testable import Queue
import Spool
import Testing

@Suite("Queue management and samples")
struct QueueManagerTests {
    @Test func listShowResendDelete() async throws {
        let fixture = try AgentFixture(transport: FakeTransport(connectFailure: { _, _ in refusedConnection() }))
        let first = try await fixture.queue(to: ["bob@example.net"]).queueID
        let second = try await fixture.queue(to: ["carol@example.net", "dave@example.net"]).queueID
        await fixture.run()
        let manager = QueueManager(spool: fixture.spool)
        let listed = Dictionary(uniqueKeysWithValues: try manager.list().map { ($0.queueID, $0) })
        #expect(Set(listed.keys) == [first.rawValue, second.rawValue])
        #expect(listed[second.rawValue]?.recipients == ["carol@example.net", "dave@example.net"])
        #expect(listed[first.rawValue]?.attempts == 1)
        #expect(listed[first.rawValue]?.lastError?.contains("connection refused") == true)
        #expect(listed[first.rawValue]?.sender == "alice@example.org")

        let detail = try manager.show(first.rawValue.lowercased())
        #expect(detail.header.contains("Subject: test"))
        #expect(detail.entry.deliveries.first?.status == "deferred")
        #expect(detail.entry.deliveries.first?.nextAttempt != nil)

        try manager.resend(first.rawValue)
        #expect(try fixture.rows(first).first.map { $0.nextAttemptAt <= Date() } == true)
        #expect(try manager.resendAll() == 2)

        try manager.delete(second.rawValue)
        #expect(try manager.list().map(\.queueID) == [first.rawValue])
        #expect(throws: QueueManagerError.notFound(second.rawValue)) { try manager.delete(second.rawValue) }
        #expect(throws: QueueManagerError.invalidID("nope")) { try manager.show("nope") }
        #expect(try manager.deleteAll() == 1)
        #expect(try manager.list().isEmpty)
    }

    @Test func samplesAreKeptForTheirRetention() async throws {
        let fixture = try AgentFixture()
        try await fixture.queue(to: ["bob@example.net"], body: String(repeating: "x", count: 100))
        let now = Date()
        try fixture.spool.queue.recordSample(now: now.addingTimeInterval(-7200), keep: 3600)
        try fixture.spool.queue.recordSample(now: now.addingTimeInterval(-10), keep: 3600)
        try fixture.spool.queue.recordSample(now: now, keep: 3600)
        let (samples, current) = try QueueManager(spool: fixture.spool).stats()
        #expect(samples.count == 2)
        #expect(samples.allSatisfy { $0.messages == 1 && $0.bytes == 100 })
        #expect(current.messages == 1 && current.bytes == 100)
    }
}
