import MailCore
import Testing
@testable import SMTPProtocol

@Suite("Session: PIPELINING (RFC 2920)")
struct PipeliningTests {
    @Test func repliesKeepCommandOrderWhileADecisionIsPending() {
        var client = TestClient.mx()
        client.recipientPolicy = { _ in nil }  // the test answers
        client.connect()
        client.ehlo()
        let first = client.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b1@example.net>\r\nRCPT TO:<b2@example.net>\r\nNOOP\r\nDATA")
        #expect(first == ["250 2.1.0 Ok"])
        #expect(client.session.state == .awaitingServer)
        #expect(client.pending.count == 1)
        #expect(client.recipientsAsked.map { $0.path.mailbox?.localPart } == ["b1"])

        // More input while waiting is read ahead, not answered.
        #expect(client.raw("").isEmpty)
        // An answer to a question not asked is ignored.
        #expect(client.deliver(.messageCommitted(.queued(queueID: "X"))).isEmpty)
        #expect(client.deliver(.senderChecked(.accept)).isEmpty)

        #expect(client.answer(.recipientChecked(.reject(SMTPReply(550, "5.1.1", "User unknown")))) == ["550 5.1.1 User unknown"])
        #expect(client.recipientsAsked.map { $0.path.mailbox?.localPart } == ["b1", "b2"])
        #expect(client.answer(.recipientChecked(.accept)) == [
            "250 2.1.5 Ok",
            "250 2.0.0 Ok",
            "354 End data with <CR><LF>.<CR><LF>",
        ])
        #expect(client.raw("body\r\n.\r\n") == ["250 2.0.0 Ok: queued as QID1"])
        #expect(client.committed.first?.envelope.recipients.map { $0.path.mailbox?.localPart } == ["b2"])
    }

    @Test func wholeTransactionsInOneWrite() {
        var client = TestClient.mx()
        client.connect()
        client.ehlo()
        var commitCount = 0
        client.commitPolicy = { _ in
            commitCount += 1
            return .queued(queueID: "Q")
        }
        // RFC 2920: after the final dot the client may pipeline the next transaction.
        let replies = client.raw(
            "MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\nDATA\r\n" +
            "one\r\n.\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<c@example.net>\r\nBDAT 3 LAST\r\ntwoQUIT\r\n")
        #expect(replies == [
            "250 2.1.0 Ok", "250 2.1.5 Ok", "354 End data with <CR><LF>.<CR><LF>",
            "250 2.0.0 Ok: queued as Q",
            "250 2.1.0 Ok", "250 2.1.5 Ok", "250 2.0.0 Ok: queued as Q",
            "221 2.0.0 Bye",
        ])
        #expect(client.committed.map { text($0.bytes) } == ["one\r\n", "two"])
        #expect(client.closed)
    }

    @Test func pendingCommitHoldsFollowingCommands() {
        var client = TestClient.mx()
        client.commitPolicy = { _ in nil }
        client.connect()
        client.startTransaction()
        client.send("DATA")
        #expect(client.raw("x\r\n.\r\nRSET\r\nNOOP\r\n").isEmpty)
        #expect(client.session.timeout?.kind == .messageCommit)
        #expect(client.answer(.messageCommitted(.queued(queueID: "Q9"))) == [
            "250 2.0.0 Ok: queued as Q9", "250 2.0.0 Ok", "250 2.0.0 Ok",
        ])
    }

    @Test func readAheadIsBoundedForBackpressure() {
        var client = TestClient.mx { $0.maxReadAhead = 64 }
        client.recipientPolicy = { _ in nil }
        client.connect()
        client.startTransaction()
        #expect(client.session.state == .awaitingServer)
        #expect(client.session.wantsMoreInput)
        client.raw(String(repeating: "NOOP\r\n", count: 20))
        #expect(!client.session.wantsMoreInput)
        let replies = client.answer(.recipientChecked(.accept))
        #expect(replies.count == 21)
        #expect(client.session.wantsMoreInput)
    }

    @Test func commandSplitAcrossReads() {
        var client = TestClient.mx()
        client.connect()
        #expect(client.raw("EH").isEmpty)
        #expect(client.raw("LO x.example\r").isEmpty)
        #expect(client.raw("\nNO").codes == ["250", "250", "250", "250", "250", "250", "250", "250", "250"])
        #expect(client.raw("OP\n") == ["250 2.0.0 Ok"])  // bare LF accepted for commands
    }
}
