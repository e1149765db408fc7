import Foundation
import InMemoryStorage
import MailStore
import Testing
@testable import IMAPServer

/// Two sessions on one mailbox see each other's APPEND, flag changes and EXPUNGE: at the
/// end of their next command (NOOP, RFC 3501 §6.1.2) or at once in IDLE (RFC 2177).
@Suite("IMAP sessions sharing a mailbox (in-memory store)")
struct IMAPSessionSharingTests {
    let server: IMAPTestServer
    let first: IMAPTestClient
    let second: IMAPTestClient

    init() async throws {
        server = try IMAPTestServer()
        for n in 1...2 { try await server.deliver(IMAPSessionTests.message(n, subject: "message \(n)"), to: "alice") }
        first = try await server.connect(as: "alice")
        second = try await server.connect(as: "alice")
        try await first.send("S SELECT INBOX")
        try await second.send("S SELECT INBOX")
    }

    static func append(_ n: Int) -> String {
        let text = IMAPSessionTests.message(n, subject: "appended \(n)")
        return "A APPEND INBOX {\(text.utf8.count)+}\r\n\(text)"
    }

    @Test func noopShowsTheOtherSessionsAppendFlagsAndExpunge() async throws {
        let appended = try await first.send(Self.append(3))
        #expect(appended.contains("* 3 EXISTS"))
        #expect(appended.last?.hasPrefix("A OK [APPENDUID ") == true && appended.last?.hasSuffix(" 3] APPEND completed") == true)
        let afterAppend = try await second.send("N NOOP")
        #expect(afterAppend.contains("* 3 EXISTS"))
        // The appending session was told first and took \Recent (RFC 3501 §2.3.2).
        #expect(afterAppend.contains("* 0 RECENT"))

        try await first.send("T STORE 1 +FLAGS (\\Flagged)")
        let afterStore = try await second.send("N NOOP")
        // \Recent went to the session that selected first (RFC 3501 §2.3.2).
        #expect(afterStore.contains("* 1 FETCH (UID 1 FLAGS (\\Flagged))"))

        try await first.send("T STORE 2 +FLAGS.SILENT (\\Deleted)")
        #expect(try await first.send("X EXPUNGE").contains("* 2 EXPUNGE"))
        let afterExpunge = try await second.send("N NOOP")
        #expect(afterExpunge.contains("* 2 EXPUNGE"))
        #expect(afterExpunge.last == "N OK NOOP completed")
        #expect(try await second.send("F FETCH 1:* (UID)") == ["* 1 FETCH (UID 1)", "* 2 FETCH (UID 3)", "F OK FETCH completed"])
    }

    @Test func idleReportsChangesAsTheyHappen() async throws {
        #expect(try await second.idle() == ["+ idling"])
        try await first.send(Self.append(3))
        #expect(try await second.waitForOutput { $0 == "* 3 EXISTS" }.contains("* 3 EXISTS"))
        try await first.send("T STORE 3 +FLAGS (\\Answered)")
        _ = try await second.waitForOutput { $0.hasPrefix("* 3 FETCH (UID 3 FLAGS (\\Answered") }
        try await first.send("T STORE 1 +FLAGS.SILENT (\\Deleted)")
        try await first.send("X EXPUNGE")
        _ = try await second.waitForOutput { $0 == "* 1 EXPUNGE" }
        #expect(await second.done() == ["I OK IDLE terminated"])
        #expect(try await second.send("F FETCH 1:* (UID)") == ["* 1 FETCH (UID 2)", "* 2 FETCH (UID 3)", "F OK FETCH completed"])
    }

    /// RFC 2180 §4.1.1: until a session is told of an expunge (FETCH may not tell it), the
    /// message stays readable for it; once told, the store lets it go.
    @Test func anExpungedMessageStaysReadableUntilTheSessionIsTold() async throws {
        try await first.send("T STORE 2 +FLAGS.SILENT (\\Deleted)")
        try await first.send("X EXPUNGE")
        let text = IMAPSessionTests.message(2, subject: "message 2")
        let fetched = try await second.send("F FETCH 2 BODY.PEEK[]").joined(separator: "\r\n")
        #expect(fetched.contains("BODY[] {\(text.utf8.count)}\r\n" + text))
        #expect(fetched.hasSuffix("F OK FETCH completed"))
        #expect(server.store.heldCount == 1)
        #expect(try await second.send("N NOOP") == ["* 2 EXPUNGE", "N OK NOOP completed"])
        #expect(server.store.heldCount == 0)
    }
}
