import Testing
@testable import SMTPProtocol

@Suite("Session: BDAT (RFC 3030)")
struct BDATTests {
    @Test func chunksWithLast() {
        var client = TestClient.mx()
        client.connect()
        client.startTransaction()
        #expect(client.raw("BDAT 5\r\nHello") == ["250 2.0.0 Ok: 5 octets received"])
        #expect(client.session.state == .inTransaction)
        #expect(client.raw("BDAT 9 LAST\r\n, w\r\n.\r\nd") == ["250 2.0.0 Ok: queued as QID1"])
        #expect(client.committed.count == 1)
        // Binary and unstuffed: the ".\r\n" inside is content.
        #expect(text(client.committed[0].bytes) == "Hello, w\r\n.\r\nd")
        #expect(client.committed[0].envelope.messageSize == 14)
        #expect(client.committed[0].envelope.usedBDAT)
        #expect(client.begun.count == 1)
        #expect(client.violations.isEmpty)
    }

    @Test func chunkSplitAcrossReadsFollowedByACommand() {
        var client = TestClient.mx()
        client.connect()
        client.startTransaction()
        #expect(client.raw("BDAT 10 LAST\r\n12345").isEmpty)
        #expect(client.session.state == .receivingMessage)
        #expect(client.raw("67890RSET\r\n") == ["250 2.0.0 Ok: queued as QID1", "250 2.0.0 Ok"])
        #expect(text(client.committed[0].bytes) == "1234567890")
    }

    @Test func emptyLastChunk() {
        var client = TestClient.mx()
        client.connect()
        client.startTransaction()
        client.raw("BDAT 3\r\nabc")
        #expect(client.send("BDAT 0 LAST") == ["250 2.0.0 Ok: queued as QID1"])
        #expect(text(client.committed[0].bytes) == "abc")
    }

    @Test func chunkWithoutTransactionIsConsumedNotExecuted() {
        var client = TestClient.mx()
        client.connect()
        client.ehlo()
        #expect(client.raw("BDAT 6\r\nQUIT\r\nNOOP\r\n") == ["503 5.5.1 Error: need MAIL command", "250 2.0.0 Ok"])
        #expect(!client.closed)
        client.send("MAIL FROM:<a@example.org>")
        #expect(client.raw("BDAT 4 LAST\r\nabcd") == ["554 5.5.1 Error: no valid recipients"])
        #expect(client.begun.isEmpty)
    }

    @Test func malformedBDATWithReadableSizeSkipsTheChunk() {
        var client = TestClient.mx()
        client.connect()
        client.startTransaction()
        #expect(client.raw("BDAT 4 FINAL\r\nQUITNOOP\r\n") == ["501 5.5.4 Syntax: BDAT size [LAST]", "250 2.0.0 Ok"])
        #expect(!client.closed)
    }

    @Test func oversizedChunkAbortsAndPipelinedChunksAreDiscarded() {
        var client = TestClient.mx { $0.maxMessageSize = 10 }
        client.connect()
        client.startTransaction()
        #expect(client.raw("BDAT 6\r\n123456") == ["250 2.0.0 Ok: 6 octets received"])
        let replies = client.raw("BDAT 6\r\n789012BDAT 2 LAST\r\nxyNOOP\r\n")
        #expect(replies == [
            "552 5.3.4 Message size exceeds fixed maximum message size",
            "503 5.5.1 Error: need MAIL command",
            "250 2.0.0 Ok",
        ])
        #expect(client.committed.isEmpty)
        #expect(client.abortCount == 1)
        #expect(client.openMessage == nil)
        #expect(client.violations.isEmpty)
        let appended = client.actions.compactMap { action -> [UInt8]? in
            if case .appendMessageBytes(let b) = action { return b }
            return nil
        }
        #expect(appended == [bytes("123456")])
    }

    @Test func dataAfterBDATIsRefused() {
        var client = TestClient.mx()
        client.connect()
        client.startTransaction()
        client.raw("BDAT 2\r\nab")
        #expect(client.send("DATA") == ["503 5.5.1 Error: DATA after BDAT"])
        #expect(client.send("RCPT TO:<c@example.net>") == ["503 5.5.1 Error: RCPT after BDAT"])
        #expect(client.send("RSET") == ["250 2.0.0 Ok"])
        #expect(client.abortCount == 1)
        #expect(client.violations.isEmpty)
    }

    @Test func quitDuringBDATDropsTheMessage() {
        var client = TestClient.mx()
        client.connect()
        client.startTransaction()
        client.raw("BDAT 2\r\nab")
        client.send("QUIT")
        #expect(client.abortCount == 1)
        #expect(client.committed.isEmpty)
        #expect(client.actions.suffix(3) == [.send(SMTPReply(221, "2.0.0", "Bye")), .abortMessage, .close])
    }

    @Test func bdatAfterLastNeedsANewTransaction() {
        var client = TestClient.mx()
        client.connect()
        client.startTransaction()
        client.raw("BDAT 1 LAST\r\na")
        #expect(client.raw("BDAT 1 LAST\r\nb") == ["503 5.5.1 Error: need MAIL command"])
        #expect(client.committed.count == 1)
    }
}
