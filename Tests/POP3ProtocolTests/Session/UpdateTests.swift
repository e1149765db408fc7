import Testing
@testable import POP3Protocol

@Suite("Session: UPDATE and the end of a session")
struct UpdateTests {
    @Test func quitCommitsTheMarkedMessages() {
        var client = TestClient()
        client.login()
        client.send("DELE 1")
        client.send("DELE 3")
        #expect(client.send("QUIT") == ["+OK Logging out"])
        #expect(client.commits.count == 1)
        #expect(client.commits.first?.user == "alice")
        #expect(client.commits.first?.messages == [
            POP3MessageReference(number: 1, uidl: "uid-1"),
            POP3MessageReference(number: 3, uidl: "uid-3"),
        ])
        #expect(client.releases.isEmpty)
        #expect(client.locksHeld.isEmpty)
        #expect(client.closed)
        #expect(client.violations.isEmpty)
    }

    @Test func quitWithoutDeletionsStillReleasesThroughTheCommit() {
        var client = TestClient()
        client.login()
        client.send("QUIT")
        #expect(client.commits.first?.messages == [])
        #expect(client.locksHeld.isEmpty)
    }

    @Test func commitFailure() {
        var client = TestClient()
        client.commitPolicy = { _ in .failed(.err("Some deleted messages were not removed", code: .systemTemporary)) }
        client.login()
        client.send("DELE 1")
        #expect(client.send("QUIT") == ["-ERR [SYS/TEMP] Some deleted messages were not removed"])
        #expect(client.closed)
        #expect(client.releases.isEmpty)  // the store released with the commit
    }

    @Test func updateWaitsForTheCommitAndIgnoresLaterInput() {
        var client = TestClient()
        client.commitPolicy = { _ in nil }
        client.login()
        client.send("DELE 2")
        #expect(client.raw("QUIT\r\nSTAT\r\n").isEmpty)
        #expect(client.session.state == .update)
        #expect(client.session.timeout?.kind == .serverDecision)
        #expect(client.answer(.deletionsCommitted(.committed)) == ["+OK Logging out"])
        #expect(client.closed)
    }

    @Test func droppedConnectionDeletesNothing() {
        var client = TestClient()
        client.login()
        client.send("DELE 1")
        client.send("DELE 2")
        client.deliver(.connectionClosed)
        #expect(client.commits.isEmpty)
        #expect(client.releases == ["alice"])
        #expect(client.locksHeld.isEmpty)
        #expect(client.session.state == .closed)
        #expect(!client.session.wantsMoreInput)
        #expect(client.deliver(.received(bytes("QUIT\r\n"))).isEmpty)
        #expect(client.commits.isEmpty)
    }

    @Test func autologoutTimerDeletesNothingAndSaysNothing() {
        var client = TestClient()
        client.login()
        client.send("DELE 1")
        // RFC 1939 §3: no response, no UPDATE.
        #expect(client.deliver(.timedOut).isEmpty)
        #expect(client.closed)
        #expect(client.commits.isEmpty)
        #expect(client.releases == ["alice"])
        #expect(client.deliver(.timedOut).isEmpty)
    }

    @Test func timeoutBeforeLoginClosesSilently() {
        var client = TestClient()
        client.connect()
        #expect(client.session.timeout == POP3Timeout(kind: .authorizationIdle, duration: .seconds(120)))
        #expect(client.deliver(.timedOut).isEmpty)
        #expect(client.closed)
        #expect(client.releases.isEmpty)
    }

    @Test func tooManyErrorsInTransactionReleasesWithoutDeleting() {
        var client = TestClient.make { $0.maxErrors = 2 }
        client.login()
        client.send("DELE 1")
        #expect(client.send("BOGUS") == ["-ERR Unknown command"])
        #expect(client.send("BOGUS") == ["-ERR Unknown command", "-ERR Too many bad commands, closing connection"])
        #expect(client.closed)
        #expect(client.commits.isEmpty)
        #expect(client.releases == ["alice"])
    }
}
