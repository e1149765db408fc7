@testable import Delivery
import Foundation
import InMemoryStorage
import MailStore
import Spool
import Testing

@Suite("Delivery over the in-memory mail store: Sieve")
struct MemorySieveDeliveryTests {
    @Test func fileintoAnExistingFolderWithFlags() async throws {
        let harness = try MemoryDelivery()
        try harness.store.ensureMailbox(owner: .user("alice"), name: "Reports")
        try harness.activate("""
            require ["fileinto", "imap4flags"];
            if header :contains "Subject" "report" { fileinto :flags ["\\\\Seen", "$Work"] "Reports"; stop; }
            """)
        let report = try await harness.enqueue(MemoryDelivery.message(subject: "weekly report"))
        let other = try await harness.enqueue(MemoryDelivery.message(subject: "lunch?", messageID: "<2@remote.test>"))
        #expect(try await harness.delivery.deliver(report.queueID))
        #expect(try await harness.delivery.deliver(other.queueID))

        // What an IMAP session would SELECT: the flags and keyword in Reports, the rest in INBOX.
        let reports = try #require(try harness.store.mailbox(owner: .user("alice"), name: "Reports"))
        let (records, status) = try harness.store.snapshot(reports, viewer: .shared)
        try #require(records.count == 1)
        #expect(records[0].base == "Q\(report.queueID)_0")
        #expect(records[0].flags == .seen && records[0].keywords == ["$Work"] && !records[0].inNew)
        #expect(status.messages == 1 && status.unseen == 0)
        #expect(try harness.records(.user("alice"), "INBOX")?.map(\.base) == ["Q\(other.queueID)_0"])
    }

    @Test func fileintoCreateMakesTheFolderAndAMissingOneFallsBackToInbox() async throws {
        let harness = try MemoryDelivery()
        try harness.activate("""
            require ["fileinto", "mailbox"];
            if header :is "Subject" "list" { fileinto :create "Lists/Swift"; } else { fileinto "Nowhere"; }
            """)
        let listed = try await harness.enqueue(MemoryDelivery.message(subject: "list"))
        let lost = try await harness.enqueue(MemoryDelivery.message(subject: "other", messageID: "<2@remote.test>"))
        #expect(try await harness.delivery.deliver(listed.queueID))
        #expect(try await harness.delivery.deliver(lost.queueID))

        #expect(try harness.records(.user("alice"), "Lists/Swift")?.map(\.base) == ["Q\(listed.queueID)_0"])
        #expect(try harness.records(.user("alice"), "Lists")?.isEmpty == true)  // the parent, made with it
        // RFC 5490 §3.2: without :create, a folder that does not exist is not made.
        #expect(try harness.records(.user("alice"), "Nowhere") == nil)
        #expect(try harness.records(.user("alice"), "INBOX")?.map(\.base) == ["Q\(lost.queueID)_0"])
    }

    @Test func aDuplicateIsDiscarded() async throws {
        let harness = try MemoryDelivery()
        try harness.activate("""
            require "duplicate";
            if duplicate { discard; stop; }
            """)
        let first = try await harness.enqueue()
        let again = try await harness.enqueue()  // the same Message-ID (RFC 7352 §3's default unique ID)
        let fresh = try await harness.enqueue(MemoryDelivery.message(messageID: "<2@remote.test>"))
        for envelope in [first, again, fresh] { #expect(try await harness.delivery.deliver(envelope.queueID)) }

        #expect(try harness.records(.user("alice"), "INBOX")?.map(\.base) == ["Q\(first.queueID)_0", "Q\(fresh.queueID)_0"])
        let discarded = try #require(harness.ledger.commits.withLock { $0 }.first { $0.queueID == again.queueID })
        #expect(discarded.staged.isEmpty && discarded.updates.map(\.reply) == ["handled by Sieve"])
    }

    @Test func vacationRepliesOncePerSender() async throws {
        let harness = try MemoryDelivery()
        try harness.activate("""
            require "vacation";
            vacation :days 1 :subject "Away" "Back on Monday.";
            """)
        let first = try await harness.enqueue()
        let second = try await harness.enqueue(MemoryDelivery.message(messageID: "<2@remote.test>"))
        #expect(try await harness.delivery.deliver(first.queueID))
        #expect(try await harness.delivery.deliver(second.queueID))

        #expect(try harness.records(.user("alice"), "INBOX")?.count == 2)  // vacation keeps the message
        let replies = await harness.dispatcher.dispatched
        try #require(replies.count == 1)  // RFC 5230 §4.2: one reply per sender within :days
        #expect(replies[0].sender == "")  // RFC 5230 §5.1: to the null reverse-path's opposite, from <>
        #expect(replies[0].deliveries.map(\.recipient) == ["bob@remote.test"])
        let reply = String(decoding: try harness.spool.readMessage(replies[0].queueID), as: UTF8.self)
        #expect(reply.contains("Subject: Away") && reply.contains("Back on Monday."))
    }

    @Test func aBrokenScriptKeepsTheMessageAndTellsTheUserOnce() async throws {
        let harness = try MemoryDelivery()
        try harness.activate("require \"fileinto\";\nfileinto ;\n")
        let first = try await harness.enqueue()
        let second = try await harness.enqueue(MemoryDelivery.message(messageID: "<2@remote.test>"))
        #expect(try await harness.delivery.deliver(first.queueID))
        #expect(try await harness.delivery.deliver(second.queueID))

        let inbox = try #require(try harness.records(.user("alice"), "INBOX"))
        #expect(inbox.filter { $0.base.hasPrefix("Q") }.map(\.base) == ["Q\(first.queueID)_0", "Q\(second.queueID)_0"])
        let notices = inbox.filter { !$0.base.hasPrefix("Q") }
        try #require(notices.count == 1)
        let notice = String(decoding: try harness.bytes(.user("alice"), "INBOX", uid: notices[0].uid), as: UTF8.self)
        #expect(notice.contains("does not compile") && notice.contains("mx.example.org"))
    }
}
