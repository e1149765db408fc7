@testable import Delivery
import Foundation
import GRDB
import InMemoryStorage
import MailStore
import SieveStore
import Spool
import Testing

/// Sieve at delivery over `InMemorySieveStorage` (scripts and memory) with the in-memory
/// directory and mail store: what delivery remembers is kept per user, through the
/// `SieveMemory` interface.
@Suite("Delivery with in-memory Sieve scripts and memory")
struct InMemorySieveDeliveryTests {
    static let vacation = """
        require "vacation";
        vacation :days 1 :addresses ["team@example.org"] :subject "Away" "Back on Monday.";
        """

    @Test func vacationRepliesOncePerSenderAndUser() async throws {
        let harness = try DirectoryDelivery()
        for user in ["alice", "carol"] { try harness.activate(Self.vacation, for: user) }
        let first = try await harness.enqueue(to: "team@example.org", Self.toTeam(1))
        let second = try await harness.enqueue(to: "team@example.org", Self.toTeam(2))
        #expect(try await harness.delivery.deliver(first.queueID))
        #expect(try await harness.delivery.deliver(second.queueID))

        for user in ["alice", "carol"] { #expect(try harness.inbox(user).count == 2) }  // vacation keeps the message
        let replies = await harness.dispatcher.dispatched
        // RFC 5230 §4.2: one reply per sender within :days, for each of the two users.
        try #require(replies.count == 2)
        #expect(replies.allSatisfy { $0.sender == "" && $0.deliveries.map(\.recipient) == ["bob@remote.test"] })
    }

    @Test func aDuplicateIsDiscardedForItsUserOnly() async throws {
        let harness = try DirectoryDelivery()
        try harness.activate("""
            require "duplicate";
            if duplicate { discard; stop; }
            """, for: "alice")
        let first = try await harness.enqueue(to: "alice@example.org")
        let again = try await harness.enqueue(to: "team@example.org")  // the same Message-ID
        for envelope in [first, again] { #expect(try await harness.delivery.deliver(envelope.queueID)) }

        #expect(try harness.inbox("alice").map(\.base) == ["Q\(first.queueID)_0"])
        #expect(try harness.inbox("carol").map(\.base) == ["Q\(again.queueID)_1"])
    }

    @Test func aBrokenScriptIsReportedOnceAndAFixedOneRunsAtOnce() async throws {
        let harness = try DirectoryDelivery()
        try harness.activate("require \"fileinto\";\nfileinto ;\n", for: "alice")
        for n in 1...2 {
            let envelope = try await harness.enqueue(to: "alice@example.org", MemoryDelivery.message(messageID: "<\(n)@remote.test>"))
            #expect(try await harness.delivery.deliver(envelope.queueID))
        }
        let inbox = try harness.inbox("alice")
        #expect(inbox.filter { $0.base.hasPrefix("Q") }.count == 2)
        #expect(inbox.filter { !$0.base.hasPrefix("Q") }.count == 1)  // one notice for this version of the script

        try harness.activate("require [\"fileinto\", \"mailbox\"];\nfileinto :create \"Later\";\n", for: "alice")
        let envelope = try await harness.enqueue(to: "alice@example.org", MemoryDelivery.message(messageID: "<3@remote.test>"))
        #expect(try await harness.delivery.deliver(envelope.queueID))
        let later = try #require(try harness.store.mailbox(owner: .user("alice"), name: "Later"))
        #expect(try harness.store.messages(in: later.id).map(\.base) == ["Q\(envelope.queueID)_0"])
    }

    /// A message to the team alias (RFC 5230 §4.5: vacation answers only mail addressed to
    /// one of the user's addresses, here given by `:addresses`).
    static func toTeam(_ n: Int) -> [UInt8] {
        Array("From: bob@remote.test\r\nTo: team@example.org\r\nSubject: plans\r\nMessage-ID: <\(n)@remote.test>\r\n\r\nHi.\r\n".utf8)
    }
}

/// `InMemorySieveStorage` refuses what `SieveScriptStore` refuses (ManageSieve's answers).
@Suite("InMemorySieveStorage behaves like SieveScriptStore")
struct InMemorySieveStorageParityTests {
    @Test func theSameOperationsGiveTheSameOutcomes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-sieve-parity-\(UUID().uuidString)")
        let limits = SieveScriptStore.Limits(maxScripts: 2, maxScriptSize: 10, maxTotalSize: 15)
        let stores: [any SieveScriptStorage] = [
            try SieveScriptStore(root: root, database: try DatabaseQueue(), limits: limits), InMemorySieveStorage(limits: limits),
        ]
        var outcomes: [[String]] = []
        for store in stores {
            var log: [String] = []
            func run(_ name: String, _ work: () throws -> Void) {
                do { try work(); log.append("\(name): ok") } catch { log.append("\(name): \(error)") }
            }
            run("put a") { try store.put("u", "a", Array("12345".utf8)) }
            run("put too large") { try store.put("u", "b", Array("12345678901".utf8)) }
            run("put b") { try store.put("u", "b", Array("1234567".utf8)) }
            run("put c, third") { try store.put("u", "c", Array("1".utf8)) }
            run("replace b over total") { try store.put("u", "b", Array("1234567890".utf8)) }
            run("activate missing") { try store.setActive("u", "x") }
            run("activate a") { try store.setActive("u", "a") }
            run("delete active") { try store.delete("u", "a") }
            run("rename to existing") { try store.rename("u", from: "a", to: "b") }
            run("rename active") { try store.rename("u", from: "a", to: "z") }
            run("delete missing") { try store.delete("u", "a") }
            log.append("\(store.list("u").map { "\($0.name)\($0.active ? "*" : "")" }) \(store.usage("u"))")
            log.append(store.activeScript("u").map { "\($0.name)=\($0.source)" } ?? "none")
            outcomes.append(log)
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[1].last == "z=12345")
    }
}
