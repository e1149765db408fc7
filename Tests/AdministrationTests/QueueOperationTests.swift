import Durability
import Foundation
import Spool
import Testing
@testable import Administration
import SpoolStore

@Suite("Queue operations")
struct QueueOperationTests {
    @Test func emptyQueue() throws {
        let admin = try makeAdministration()
        #expect(try admin.queue().isEmpty)
        let stats = try admin.queueStats()
        #expect(stats.messages == 0 && stats.bytes == 0)
        #expect(try admin.resendAll() == 0)
        #expect(try admin.deleteAllQueued() == 0)
    }

    @Test func listShowResendDelete() async throws {
        let admin = try makeAdministration()
        let spool = try Spool(directory: admin.spoolDirectory, database: admin.directory.database,
                              barrier: try FileSystemSyncBarrier(directories: [admin.spoolDirectory]))
        let body = Array("From: alice@example.org\r\nSubject: test\r\n\r\nHello.\r\n".utf8)
        var ids: [String] = []
        for recipients in [["bob@example.net"], ["carol@example.net", "dave@example.net"]] {
            let envelope = SpoolEnvelope(queueID: QueueID.generate(), sender: "alice@example.org", receivedAt: Date(), origin: .submission,
                                         deliveries: recipients.map { SpoolDelivery(target: .remote(address: $0), recipient: $0) })
            ids.append(try await spool.enqueue(body, envelope: envelope).queueID.rawValue)
        }

        let rows = try admin.queue()
        #expect(rows.map(\.qid) == ids)
        #expect(rows[1].recipients == ["carol@example.net", "dave@example.net"] && rows[1].sender == "alice@example.org")
        #expect(rows[0].size == body.count && rows[0].deliveries.map(\.route) == ["remote"])
        #expect(rows[0].deliveries[0].status == "pending" && rows[0].last_error == nil)

        let detail = try admin.queuedMessage(ids[0].lowercased())
        #expect(detail.message.qid == ids[0] && detail.header.contains("Subject: test"))
        try admin.resend(ids[0])
        #expect(try admin.resendAll() == 2)
        #expect(try admin.queueStats().messages == 2)

        try admin.deleteQueued(ids[1])
        #expect(try admin.queue().map(\.qid) == [ids[0]])
        #expect(adminError { try admin.deleteQueued(ids[1]) } == .notFound("no message \(ids[1]) in the queue"))
        #expect(try admin.deleteAllQueued() == 1)
        #expect(try admin.queue().isEmpty)
    }

    @Test func errors() throws {
        let admin = try makeAdministration()
        #expect(adminError { _ = try admin.queuedMessage("not a qid!") } == .invalidInput("\"not a qid!\" is not a queue ID"))
        let missing = "0123456789AB"
        #expect(adminError { try admin.resend(missing) } == .notFound("no message 0123456789AB in the queue"))
        #expect(adminError { _ = try admin.queuedMessage(missing.lowercased()) }?.kind == .notFound)
        #expect(adminError { try admin.deleteQueued("nope!") }?.kind == .invalidInput)
    }
}
