import Foundation
import Testing
import Antispam
import AntispamStore

/// The queue between an IMAP move into Junk and the Bayes model keeps every request
/// until it is applied, across a restart, oldest first.
@Suite struct SpamTrainingQueueTests {
    @Test func requestsSurviveReopeningInOrderUntilRemoved() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("training-\(UUID().uuidString).sqlite").path
        let first = SpamTrainingRequest(user: "alice", bayesClass: .spam, mailboxID: 7, uids: [3, 4, 90_000], reason: "move into Junk")
        let second = SpamTrainingRequest(user: "bob", bayesClass: .ham, mailboxID: 2, uids: [1], reason: "flag $NotJunk")
        do {
            let queue = try SQLiteSpamTrainingQueue(path: path)
            try await queue.enqueue(first)
            try await queue.enqueue(second)
        }
        let reopened = try SQLiteSpamTrainingQueue(path: path)
        let pending = try await reopened.pending(limit: 10)
        #expect(pending.map(\.user) == ["alice", "bob"])
        #expect(pending[0].uids == [3, 4, 90_000] && pending[0].bayesClass == .spam && pending[0].mailboxID == 7)
        #expect(pending[1].bayesClass == .ham && pending[1].reason == "flag $NotJunk")
        try await reopened.remove(try #require(pending[0].id))
        #expect(try await reopened.pending(limit: 10).map(\.user) == ["bob"])
        #expect(try await reopened.pending(limit: 0).isEmpty)
    }

    @Test func inMemoryQueueBehavesTheSame() async throws {
        let queue = InMemorySpamTrainingQueue()
        let id = await queue.enqueue(SpamTrainingRequest(user: "a", bayesClass: .spam, mailboxID: 1, uids: [1], reason: "r"))
        #expect(await queue.pending(limit: 5).count == 1)
        await queue.remove(id)
        #expect(await queue.pending(limit: 5).isEmpty)
    }
}
