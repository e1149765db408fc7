import Foundation
import InMemoryStorage
import MailStore
import Testing
@testable import IMAPServer

/// `IMAPSession` driven command by command over the in-memory mail store (issue 11).
@Suite("IMAP session over the in-memory store")
struct IMAPSessionTests {
    static func message(_ n: Int, subject: String) -> String {
        "From: carol@example.net\r\nTo: alice@example.com\r\nSubject: \(subject)\r\n"
            + "Message-ID: <m\(n)@example.net>\r\n\r\nBody of message \(n).\r\n"
    }

    /// alice's INBOX with `count` messages (subjects "message 1"…), logged in.
    func inbox(_ count: Int, server: IMAPTestServer) async throws -> IMAPTestClient {
        for n in stride(from: 1, through: count, by: 1) {
            try await server.deliver(Self.message(n, subject: "message \(n)"), to: "alice")
        }
        return try await server.connect(as: "alice")
    }

    @Test func selectReportsExistsRecentUIDValidityAndUIDNext() async throws {
        let server = try IMAPTestServer()
        let client = try await inbox(2, server: server)
        let box = try #require(try server.store.mailbox(owner: .user("alice"), name: "INBOX"))
        let lines = try await client.send("S SELECT INBOX")
        #expect(lines.contains("* 2 EXISTS"))
        #expect(lines.contains("* 2 RECENT"))
        #expect(lines.contains("* OK [UIDVALIDITY \(box.uidValidity)] UIDs valid"))
        #expect(lines.contains("* OK [UIDNEXT 3] Predicted next UID"))
        #expect(lines.contains("* OK [UNSEEN 1] First unseen"))
        #expect(lines.last == "S OK [READ-WRITE] SELECT completed")
        // RFC 3501 §2.3.2: the first session took the \Recent messages; EXAMINE sees none left.
        let other = try await server.connect(as: "alice")
        let second = try await other.send("E EXAMINE INBOX")
        #expect(second.contains("* 2 EXISTS") && second.contains("* 0 RECENT"))
        #expect(second.last == "E OK [READ-ONLY] EXAMINE completed")
    }

    @Test func selectOfAMissingMailboxFails() async throws {
        let server = try IMAPTestServer()
        let client = try await server.connect(as: "alice")
        let lines = try await client.send("S SELECT Nowhere")
        #expect(lines == ["S NO [NONEXISTENT] Mailbox doesn't exist: Nowhere"])
    }

    @Test func fetchFlagsAndBody() async throws {
        let server = try IMAPTestServer()
        try await server.deliver(Self.message(1, subject: "seen one"), to: "alice", flags: [.seen])
        try await server.deliver(Self.message(2, subject: "new one"), to: "alice")
        let client = try await server.connect(as: "alice")
        try await client.send("S SELECT INBOX")
        let flags = try await client.send("F FETCH 1:2 (UID FLAGS)")
        #expect(flags == ["* 1 FETCH (UID 1 FLAGS (\\Seen \\Recent))", "* 2 FETCH (UID 2 FLAGS (\\Recent))",
                          "F OK FETCH completed"])
        // BODY[] (not PEEK) sets \Seen and reports it (RFC 3501 §6.4.5).
        let text = Self.message(2, subject: "new one")
        let body = try await client.send("B FETCH 2 BODY[]").joined(separator: "\r\n")
        #expect(body.contains("BODY[] {\(text.utf8.count)}\r\n" + text))
        #expect(body.contains("\\Seen"))
        #expect(body.hasSuffix("B OK FETCH completed"))
        let box = try #require(try server.store.mailbox(owner: .user("alice"), name: "INBOX"))
        #expect(try server.store.messages(in: box.id).allSatisfy { $0.flags.contains(.seen) })
    }

    @Test func storeAddsFlagsAndReportsThem() async throws {
        let server = try IMAPTestServer()
        let client = try await inbox(2, server: server)
        try await client.send("S SELECT INBOX")
        let lines = try await client.send("T STORE 1 +FLAGS (\\Flagged $Important)")
        #expect(lines.contains("* 1 FETCH (FLAGS (\\Flagged $Important \\Recent))"))
        #expect(lines.last == "T OK STORE completed")
        // A new keyword is announced in FLAGS first (RFC 3501 §7.2.6).
        #expect(lines.first?.hasPrefix("* FLAGS (") == true && lines.first?.contains("$Important") == true)
        let silent = try await client.send("U STORE 2 +FLAGS.SILENT (\\Deleted)")
        #expect(silent == ["U OK STORE completed"])
        let box = try #require(try server.store.mailbox(owner: .user("alice"), name: "INBOX"))
        let records = try server.store.messages(in: box.id)
        #expect(records.map(\.flags) == [[.flagged], [.deleted]])
        #expect(records[0].keywords == ["$Important"])
        #expect(records[0].modSeq > 1 && records[1].modSeq > records[0].modSeq)
    }

    @Test func searchBySubjectFlagAndMessageID() async throws {
        let server = try IMAPTestServer()
        let client = try await inbox(3, server: server)
        try await client.send("S SELECT INBOX")
        try await client.send("T STORE 2 +FLAGS.SILENT (\\Seen)")
        #expect(try await client.send("A SEARCH SUBJECT \"message 3\"") == ["* SEARCH 3", "A OK SEARCH completed"])
        #expect(try await client.send("B SEARCH UNSEEN") == ["* SEARCH 1 3", "B OK SEARCH completed"])
        #expect(try await client.send("C UID SEARCH HEADER Message-ID <m2@example.net>") == ["* SEARCH 2", "C OK SEARCH completed"])
        #expect(try await client.send("D SEARCH BODY nowhere") == ["* SEARCH", "D OK SEARCH completed"])
        // Answered from the index once it holds every message: case-insensitive, within AND,
        // and the rest of the key still applies.
        #expect(try await client.send("E UID SEARCH UID 1:2 HEADER message-id <M2@EXAMPLE") == ["* SEARCH 2", "E OK SEARCH completed"])
        #expect(try await client.send("F SEARCH HEADER Message-ID example.net NOT 1") == ["* SEARCH 2 3", "F OK SEARCH completed"])
        #expect(try await client.send("G SEARCH OR HEADER Message-ID <m1@ SUBJECT \"message 3\"") == ["* SEARCH 1 3", "G OK SEARCH completed"])
    }

    @Test func expungeRemovesDeletedMessagesHighestFirst() async throws {
        let server = try IMAPTestServer()
        let client = try await inbox(4, server: server)
        try await client.send("S SELECT INBOX")
        try await client.send("T STORE 1,3 +FLAGS.SILENT (\\Deleted)")
        let lines = try await client.send("X EXPUNGE")
        #expect(lines == ["* 3 EXPUNGE", "* 1 EXPUNGE", "X OK EXPUNGE completed"])
        let box = try #require(try server.store.mailbox(owner: .user("alice"), name: "INBOX"))
        #expect(try server.store.messages(in: box.id).map(\.uid) == [2, 4])
        #expect(try server.store.usage(of: .user("alice")).messages == 2)
        #expect(try await client.send("F FETCH 1:* (UID)") == ["* 1 FETCH (UID 2)", "* 2 FETCH (UID 4)", "F OK FETCH completed"])
    }

    @Test func moveToAnotherMailbox() async throws {
        let server = try IMAPTestServer()
        let client = try await inbox(2, server: server)
        try await client.send("S SELECT INBOX")
        let lines = try await client.send("M UID MOVE 1 Trash")
        let trash = try #require(try server.store.mailbox(owner: .user("alice"), name: "Trash"))
        #expect(lines.first == "* OK [COPYUID \(trash.uidValidity) 1 1] Moved")
        #expect(lines.contains("* 1 EXPUNGE"))
        #expect(try server.store.messages(in: trash.id).count == 1)
        #expect(try server.store.readMessage(trash, uid: 1) == Array(Self.message(1, subject: "message 1").utf8))
    }

    /// MULTIAPPEND (RFC 3502): every message staged, then committed in one unit.
    @Test func multiappendStoresEveryMessageWithConsecutiveUIDs() async throws {
        let server = try IMAPTestServer()
        let client = try await inbox(1, server: server)
        let one = Self.message(2, subject: "two"), two = Self.message(3, subject: "three")
        let box = try #require(try server.store.mailbox(owner: .user("alice"), name: "INBOX"))
        let lines = try await client.send("A APPEND INBOX (\\Seen) {\(one.utf8.count)+}\r\n\(one) {\(two.utf8.count)+}\r\n\(two)")
        #expect(lines == ["A OK [APPENDUID \(box.uidValidity) 2:3] APPEND completed"])
        #expect(try server.store.messages(in: box.id).map(\.flags) == [[], [.seen], []])
        #expect(try server.store.readMessage(box, uid: 3) == Array(two.utf8))
        let status = try await client.send("S STATUS INBOX (MESSAGES UIDNEXT UNSEEN HIGHESTMODSEQ)")
        #expect(status == ["* STATUS \"INBOX\" (MESSAGES 3 UIDNEXT 4 UNSEEN 2 HIGHESTMODSEQ 4)", "S OK STATUS completed"])
    }

    /// CONDSTORE (RFC 7162): MODSEQs in FETCH, UNCHANGEDSINCE refusing a changed message.
    @Test func condStoreModSeqsAndUnchangedSince() async throws {
        let server = try IMAPTestServer()
        let client = try await inbox(2, server: server)
        try await client.send("S SELECT INBOX (CONDSTORE)")
        #expect(try await client.send("F FETCH 1:2 (MODSEQ)") == ["* 1 FETCH (MODSEQ (2))", "* 2 FETCH (MODSEQ (3))",
                                                                  "F OK FETCH completed"])
        let changed = try await client.send("T STORE 1 +FLAGS (\\Flagged)")
        #expect(changed.contains("* 1 FETCH (FLAGS (\\Flagged \\Recent) MODSEQ (4))"))
        let refused = try await client.send("U STORE 1:2 (UNCHANGEDSINCE 3) +FLAGS (\\Seen)")
        #expect(refused.contains("* 2 FETCH (FLAGS (\\Seen \\Recent) MODSEQ (5))"))
        // RFC 7162 §3.1.3: OK with MODIFIED listing the message left alone.
        #expect(refused.last?.hasPrefix("U OK [MODIFIED 1] ") == true)
    }
}
