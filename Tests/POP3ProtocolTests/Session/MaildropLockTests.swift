import Testing
@testable import POP3Protocol

@Suite("Session: maildrop lock")
struct MaildropLockTests {
    @Test func lockHeldByAnotherSession() {
        var client = TestClient()
        client.lockedElsewhere = ["alice"]
        client.connect(tls: true)
        client.send("USER alice")
        #expect(client.send("PASS secret") == ["-ERR [IN-USE] Maildrop is locked by another session"])
        #expect(client.session.state == .authorization)
        #expect(client.session.authenticatedUser == nil)
        #expect(client.send("STAT") == ["-ERR Command not valid in this state"])
        // RFC 1939 §4: the client may try again once the other session is gone.
        client.lockedElsewhere = []
        client.send("USER alice")
        #expect(client.send("PASS secret").first?.hasPrefix("+OK Logged in") == true)
        #expect(client.locksHeld == ["alice"])
    }

    @Test func maildropRefusedForAnotherReason() {
        var client = TestClient()
        client.maildropPolicy = { _ in .reject(.err("Cannot open mailbox", code: .systemTemporary)) }
        client.connect(tls: true)
        client.send("USER alice")
        #expect(client.send("PASS secret") == ["-ERR [SYS/TEMP] Cannot open mailbox"])
        #expect(client.session.state == .authorization)
        #expect(client.locksHeld.isEmpty)
    }

    @Test func commandsWaitForTheLock() {
        var client = TestClient()
        client.maildropPolicy = { _ in nil }
        client.connect(tls: true)
        #expect(client.raw("USER alice\r\nPASS secret\r\nSTAT\r\nLIST 1\r\n") == ["+OK Send PASS"])
        #expect(client.session.state == .awaitingLogin)
        #expect(client.session.timeout?.kind == .serverDecision)
        #expect(client.pending == [.openMaildrop(user: "alice")])
        client.maildropPolicy = { _ in .opened([]) }
        let replies = client.answer(.maildropOpened(.opened([POP3MessageInfo(octets: 10, uidl: "u1")])))
        #expect(replies == ["+OK Logged in, 1 message (10 octets)", "+OK 1 10", "+OK 1 10"])
    }

    @Test func lockGrantedAfterTheClientLeftIsReleased() {
        var client = TestClient()
        client.maildropPolicy = { _ in nil }
        client.connect(tls: true)
        client.send("USER alice")
        client.send("PASS secret")
        client.deliver(.connectionClosed)
        #expect(client.session.state == .closed)
        // The store locked meanwhile: the session hands the lock straight back.
        let actions = client.session.handle(.maildropOpened(.opened([])))
        #expect(actions == [.releaseMaildrop(user: "alice")])
        #expect(client.session.handle(.maildropOpened(.opened([]))).isEmpty)
    }

    @Test func lockGrantedAfterTimeoutIsReleased() {
        var client = TestClient()
        client.maildropPolicy = { _ in nil }
        client.connect(tls: true)
        client.send("USER alice")
        client.send("PASS secret")
        #expect(client.deliver(.timedOut) == ["-ERR [SYS/TEMP] Server timed out, try again later"])
        #expect(client.closed)
        #expect(client.session.handle(.maildropOpened(.opened([]))) == [.releaseMaildrop(user: "alice")])
    }

    @Test func refusedLockAfterTheClientLeftNeedsNoRelease() {
        var client = TestClient()
        client.maildropPolicy = { _ in nil }
        client.connect(tls: true)
        client.send("USER alice")
        client.send("PASS secret")
        client.deliver(.connectionClosed)
        #expect(client.session.handle(.maildropOpened(.inUse)).isEmpty)
    }
}
