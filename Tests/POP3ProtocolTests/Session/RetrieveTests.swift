import Testing
@testable import POP3Protocol

@Suite("Session: RETR/TOP streaming")
struct RetrieveTests {
    @Test func messageThatCannotBeReadBeforeAnyData() {
        var client = TestClient()
        client.answerRetrievals = false
        client.login()
        client.send("RETR 1")
        let replies = client.answer(.messageFailed(.err("Message file is missing", code: .systemTemporary)))
        #expect(replies == ["-ERR [SYS/TEMP] Message file is missing"])
        #expect(client.session.state == .transaction)
        #expect(!client.session.wantsMessageData)
    }

    @Test func failureInTheMiddleClosesWithoutTerminator() {
        var client = TestClient()
        client.answerRetrievals = false
        client.login()
        client.send("DELE 2")
        client.send("RETR 1")
        client.deliver(.messageData(bytes("Subject: one\n")))
        let before = client.wire.count
        #expect(client.deliver(.messageFailed(.err("I/O error"))).isEmpty)
        #expect(client.wire.count == before)
        #expect(client.closed)
        #expect(!text(client.wire).hasSuffix("\r\n.\r\n"))
        // Nothing deleted, lock released.
        #expect(client.commits.isEmpty)
        #expect(client.releases == ["alice"])
    }

    @Test func vanishedMessage() {
        var client = TestClient()
        client.login()
        client.messages.removeFirst()
        #expect(client.send("RETR 1") == ["-ERR [SYS/TEMP] Message vanished"])
    }

    @Test func topLetsTheStoreStopEarly() {
        var client = TestClient()
        client.messages = [("big", "H: x\n\nb1\n" + String(repeating: "more body\n", count: 1000))]
        client.chunkSize = 4
        client.login()
        #expect(client.send("TOP 1 1") == ["+OK Top of message follows", "H: x", "", "b1", "."])
        #expect(client.chunksStreamed == 3)  // "H: x", "\n\nb1", "\nmor": then it wants no more
    }

    @Test func dataAfterTheEndIsIgnored() {
        var client = TestClient()
        client.answerRetrievals = false
        client.login()
        client.send("RETR 3")
        client.deliver(.messageEnd)
        #expect(client.deliver(.messageData(bytes("late"))).isEmpty)
        #expect(client.deliver(.messageEnd).isEmpty)
        #expect(client.session.state == .transaction)
    }

    @Test func emptyMessage() {
        var client = TestClient()
        client.messages = [("empty", "")]
        client.login()
        #expect(client.send("RETR 1") == ["+OK 0 octets", "."])
        #expect(client.send("TOP 1 5") == ["+OK Top of message follows", "."])
    }

    @Test func dropDuringStreamingReleases() {
        var client = TestClient()
        client.answerRetrievals = false
        client.login()
        client.send("RETR 1")
        client.deliver(.messageData(bytes("x")))
        client.deliver(.connectionClosed)
        #expect(client.releases == ["alice"])
        #expect(client.deliver(.messageData(bytes("y"))).isEmpty)
    }

    @Test func timeoutDuringStreamingClosesWithoutResponse() {
        var client = TestClient()
        client.answerRetrievals = false
        client.login()
        client.send("RETR 1")
        #expect(client.deliver(.timedOut).isEmpty)
        #expect(client.closed)
        #expect(client.releases == ["alice"])
    }
}
