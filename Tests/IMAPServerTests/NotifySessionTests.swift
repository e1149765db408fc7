import Foundation
import InMemoryStorage
import MailStore
import Testing
@testable import IMAPServer

/// NOTIFY (RFC 5465) over the in-memory store: STATUS for other mailboxes, the selected
/// mailbox's events between commands, LIST for other sessions' CREATE, NOTIFY NONE.
@Suite("NOTIFY sessions (in-memory store)")
struct NotifySessionTests {
    let server: IMAPTestServer
    let watcher: IMAPTestClient
    let other: IMAPTestClient

    init() async throws {
        server = try IMAPTestServer()
        try await server.deliver(IMAPSessionTests.message(1, subject: "first"), to: "alice", mailbox: "Lists")
        watcher = try await server.connect(as: "alice")
        other = try await server.connect(as: "alice")
        try await watcher.send("S SELECT INBOX")
    }

    /// Nothing arrives unasked within a short while.
    private func expectQuiet(_ client: IMAPTestClient) async throws {
        try await Task.sleep(for: .milliseconds(200))
        #expect(client.sink.take() == [])
    }

    @Test func statusForOtherMailboxesAndFetchForTheSelectedOne() async throws {
        let set = try await watcher.send("N NOTIFY SET STATUS (selected (MessageNew (UID FLAGS) MessageExpunge)) "
                                         + "(personal (MessageNew MessageExpunge))")
        #expect(set.contains { $0.hasPrefix("* STATUS \"Lists\" (MESSAGES 1 UIDNEXT 2 UIDVALIDITY ") })
        #expect(!set.contains { $0.contains("STATUS \"INBOX\"") || $0.hasPrefix("* STATUS INBOX") })
        #expect(set.last == "N OK NOTIFY completed")

        try await server.deliver(IMAPSessionTests.message(2, subject: "second"), to: "alice", mailbox: "Lists")
        let status = try await watcher.waitForOutput { $0.hasPrefix("* STATUS") }
        #expect(status.last == "* STATUS \"Lists\" (MESSAGES 2 UIDNEXT 3)")

        try await server.deliver(IMAPSessionTests.message(3, subject: "third"), to: "alice")
        let new = try await watcher.waitForOutput { $0.hasPrefix("* 1 FETCH") }
        #expect(new.contains("* 1 EXISTS"))
        #expect(new.last == "* 1 FETCH (UID 1 FLAGS (\\Recent))")

        #expect(try await watcher.send("X NOTIFY NONE") == ["X OK NOTIFY NONE completed"])
        try await server.deliver(IMAPSessionTests.message(4, subject: "fourth"), to: "alice", mailbox: "Lists")
        try await expectQuiet(watcher)
    }

    @Test func mailboxNamesFromOtherSessionsOnly() async throws {
        try await watcher.send("N NOTIFY SET (personal (MailboxName SubscriptionChange))")
        try await other.send("C CREATE Projects/Q1")
        let created = try await watcher.waitForOutput { $0.contains("\"Projects\"") || $0.hasSuffix(" Projects") }
        #expect(created.contains { $0.hasPrefix("* LIST (\\HasNoChildren) \"/\" ") && $0.contains("Projects/Q1") })
        try await other.send("S SUBSCRIBE Lists")
        let subscribed = try await watcher.waitForOutput { $0.contains("Lists") }
        #expect(subscribed.last?.hasPrefix("* LIST (\\HasNoChildren \\Subscribed) \"/\" ") == true)
        // §5: the client's own CREATE is not reported to it.
        #expect(try await watcher.send("C CREATE Mine") == ["C OK CREATE completed"])
        try await expectQuiet(watcher)
    }

    @Test func unsupportedEventsAreRefusedWithTheSupportedOnes() async throws {
        let refused = try await watcher.send("N NOTIFY SET (personal (MessageNew MessageExpunge AnnotationChange))")
        #expect(refused == ["N NO [BADEVENT (MessageNew MessageExpunge FlagChange MailboxName SubscriptionChange)] "
                            + "Unsupported NOTIFY events: AnnotationChange"])
    }
}
