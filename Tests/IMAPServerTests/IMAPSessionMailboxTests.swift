import Foundation
import InMemoryStorage
import MailStore
import Testing
@testable import IMAPServer

/// Mailbox commands, sharing through ACLs and QRESYNC, over the in-memory store.
@Suite("IMAP session: mailboxes, ACLs, QRESYNC (in-memory store)")
struct IMAPSessionMailboxTests {
    @Test func createRenameSubscribeAndDelete() async throws {
        let server = try IMAPTestServer()
        let client = try await server.connect(as: "alice")
        #expect(try await client.send("C CREATE Work/2026") == ["C OK CREATE completed"])
        #expect(try await client.send("C CREATE Work/2026").last?.hasPrefix("C NO [ALREADYEXISTS]") == true)
        let listed = try await client.send("L LIST \"\" *")
        #expect(listed.contains("* LIST (\\HasChildren) \"/\" \"Work\""))
        #expect(listed.contains("* LIST (\\HasNoChildren) \"/\" \"Work/2026\""))
        #expect(listed.contains("* LIST (\\HasNoChildren \\Trash) \"/\" \"Trash\""))
        try await client.send("S SUBSCRIBE Work/2026")
        #expect(try await client.send("R RENAME Work Jobs") == ["R OK RENAME completed"])
        let lsub = try await client.send("L LSUB \"\" Jobs/*")
        #expect(lsub == ["* LSUB () \"/\" \"Jobs/2026\"", "L OK LSUB completed"])
        #expect(try server.store.mailbox(owner: .user("alice"), name: "Work/2026") == nil)
        #expect(try await client.send("D DELETE Jobs").last?.hasPrefix("D NO ") == true)  // has a child
        #expect(try await client.send("D DELETE Jobs/2026") == ["D OK DELETE completed"])
        #expect(try await client.send("D DELETE INBOX").last?.hasPrefix("D NO ") == true)
    }

    @Test func renamingInboxMovesItsMessages() async throws {
        let server = try IMAPTestServer()
        for n in 1...2 { try await server.deliver(IMAPSessionTests.message(n, subject: "m\(n)"), to: "alice") }
        let client = try await server.connect(as: "alice")
        #expect(try await client.send("R RENAME INBOX Old") == ["R OK RENAME completed"])
        let old = try #require(try server.store.mailbox(owner: .user("alice"), name: "Old"))
        let inbox = try #require(try server.store.mailbox(owner: .user("alice"), name: "INBOX"))
        #expect(try server.store.messages(in: old.id).count == 2)
        #expect(try server.store.messages(in: inbox.id).isEmpty)
    }

    /// RFC 4314: bob lets alice read his INBOX; she sees it under the other users'
    /// namespace with exactly the rights he gave.
    @Test func aclSharesAMailboxWithItsRights() async throws {
        let server = try IMAPTestServer()
        try await server.deliver(IMAPSessionTests.message(1, subject: "for bob"), to: "bob")
        let bob = try await server.connect(as: "bob")
        #expect(try await bob.send("A SETACL INBOX alice lr") == ["A OK SETACL completed"])
        #expect(try await bob.send("G GETACL INBOX").first == "* ACL \"INBOX\" bob lrswipkxtea alice lr")
        let alice = try await server.connect(as: "alice")
        #expect(try await alice.send("M MYRIGHTS Shared/bob/INBOX").first == "* MYRIGHTS \"Shared/bob/INBOX\" lr")
        let selected = try await alice.send("S SELECT Shared/bob/INBOX")
        #expect(selected.contains("* 1 EXISTS"))
        // Without `s`, `w`, `i`, `t` or `e` the mailbox is read-only for her (RFC 4314 §4).
        #expect(selected.last == "S OK [READ-ONLY] SELECT completed")
        #expect(try await alice.send("T STORE 1 +FLAGS (\\Flagged)").last?.hasPrefix("T NO ") == true)
        #expect(try await alice.send("X SELECT Shared/bob/Sent").last?.hasPrefix("X NO [NONEXISTENT]") == true)
    }

    /// RFC 7162 §3.2.5: a QRESYNC SELECT reports what vanished since the client's MODSEQ.
    @Test func qresyncSelectReportsVanishedAndChangedMessages() async throws {
        let server = try IMAPTestServer()
        for n in 1...3 { try await server.deliver(IMAPSessionTests.message(n, subject: "m\(n)"), to: "alice") }
        let box = try #require(try server.store.mailbox(owner: .user("alice"), name: "INBOX"))
        let known = box.highestModSeq
        try server.store.expunge(box, uids: [2])
        _ = try server.store.updateFlags(box, uids: [3], operation: .add, flags: [.answered], keywords: [])
        let client = try await server.connect(as: "alice")
        #expect(try await client.send("E ENABLE QRESYNC").first == "* ENABLED QRESYNC")
        let lines = try await client.send("S SELECT INBOX (QRESYNC (\(box.uidValidity) \(known)))")
        #expect(lines.contains("* VANISHED (EARLIER) 2"))
        #expect(lines.contains { $0.hasPrefix("* 2 FETCH (UID 3 FLAGS (\\Answered") })
        #expect(!lines.contains { $0.hasPrefix("* 1 FETCH") })
        #expect(lines.last == "S OK [READ-WRITE] SELECT completed")
    }
}
