import Testing
@testable import Administration

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

    @Test func errors() throws {
        let admin = try makeAdministration()
        #expect(adminError { _ = try admin.queuedMessage("not a qid!") }?.kind == .invalidInput)
        let missing = "0123456789AB"
        #expect(adminError { try admin.resend(missing) } == .notFound("no message 0123456789AB in the queue"))
        #expect(adminError { _ = try admin.queuedMessage(missing.lowercased()) }?.kind == .notFound)
        #expect(adminError { try admin.deleteQueued("nope!") }?.kind == .invalidInput)
    }
}
