import Testing
@testable import SMTPProtocol

@Suite("Session: limits")
struct LimitTests {
    @Test func sizeDeclaredAtMail() {
        var client = TestClient.mx { $0.maxMessageSize = 1000 }
        client.connect()
        #expect(client.ehlo().contains("250-SIZE 1000"))
        #expect(client.send("MAIL FROM:<a@example.org> SIZE=1001") ==
                ["552 5.3.4 Message size exceeds fixed maximum message size"])
        #expect(client.sendersAsked.isEmpty)
        #expect(client.send("MAIL FROM:<a@example.org> SIZE=99999999999999999999").codes == ["552"])
        #expect(client.send("MAIL FROM:<a@example.org> SIZE=1000") == ["250 2.1.0 Ok"])
    }

    @Test func sizeExceededDuringDataKeepsNothing() {
        var client = TestClient.mx { $0.maxMessageSize = 20 }
        client.connect()
        client.startTransaction()
        client.send("DATA")
        #expect(client.raw("0123456789\r\n").isEmpty)
        #expect(client.raw("0123456789\r\n0123456789\r\n").isEmpty)
        #expect(client.session.state == .receivingMessage)  // keeps reading to the end
        #expect(client.raw("more\r\n.\r\nNOOP\r\n") == [
            "552 5.3.4 Message size exceeds fixed maximum message size",
            "250 2.0.0 Ok",
        ])
        #expect(client.committed.isEmpty)
        #expect(client.abortCount == 1)
        #expect(client.openMessage == nil)
        #expect(client.violations.isEmpty)
        // The transaction is over.
        #expect(client.send("RCPT TO:<b@example.net>") == ["503 5.5.1 Error: need MAIL command"])
        // Octets handed out never went past the limit.
        let appended = client.actions.reduce(0) { total, action in
            if case .appendMessageBytes(let b) = action { return total + b.count }
            return total
        }
        #expect(appended <= 20)
    }

    @Test func messageExactlyAtTheLimitIsAccepted() {
        var client = TestClient.mx { $0.maxMessageSize = 12 }
        client.connect()
        client.startTransaction()
        client.send("DATA")
        #expect(client.raw("0123456789\r\n.\r\n") == ["250 2.0.0 Ok: queued as QID1"])
        #expect(client.committed.first?.envelope.messageSize == 12)
    }

    @Test func maxRecipients() {
        var client = TestClient.mx { $0.maxRecipients = 2 }
        client.connect()
        client.ehlo()
        client.send("MAIL FROM:<a@example.org>")
        #expect(client.send("RCPT TO:<b1@example.net>") == ["250 2.1.5 Ok"])
        #expect(client.send("RCPT TO:<b2@example.net>") == ["250 2.1.5 Ok"])
        #expect(client.send("RCPT TO:<b3@example.net>") == ["452 4.5.3 Error: too many recipients"])
        #expect(client.recipientsAsked.count == 2)
        client.send("DATA")
        client.raw(".\r\n")
        #expect(client.committed.first?.envelope.recipients.count == 2)
    }

    @Test func rejectedRecipientsDoNotCountTowardsTheMaximum() {
        var client = TestClient.mx { $0.maxRecipients = 1 }
        client.recipientPolicy = { $0.path.mailbox?.localPart == "nobody" ? .reject(SMTPReply(550, "5.1.1", "User unknown")) : .accept }
        client.connect()
        client.ehlo()
        client.send("MAIL FROM:<a@example.org>")
        #expect(client.send("RCPT TO:<nobody@example.net>").codes == ["550"])
        #expect(client.send("RCPT TO:<b@example.net>") == ["250 2.1.5 Ok"])
    }

    @Test func errorLimitDisconnects() {
        var client = TestClient.mx { $0.maxErrors = 3 }
        client.connect()
        #expect(client.send("FOO").codes == ["500"])
        #expect(client.send("BAR").codes == ["500"])
        #expect(client.send("NOOP") == ["250 2.0.0 Ok"])  // successes don't reset the count
        #expect(client.send("MAIL FROM:<a@example.org>") == [
            "503 5.5.1 Error: send HELO/EHLO first",
            "421 4.7.0 mx.example.net Error: too many errors",
        ])
        #expect(client.closed)
        #expect(client.send("NOOP").isEmpty)
        #expect(client.violations.isEmpty)
    }

    @Test func serverRejectionsCountAsErrors() {
        // A dictionary attack on RCPT ends like any other stream of errors.
        var client = TestClient.mx { $0.maxErrors = 2 }
        client.recipientPolicy = { _ in .reject(SMTPReply(550, "5.1.1", "User unknown")) }
        client.connect()
        client.ehlo()
        client.send("MAIL FROM:<a@example.org>")
        client.send("RCPT TO:<a1@example.net>")
        #expect(client.send("RCPT TO:<a2@example.net>") == [
            "550 5.1.1 User unknown", "421 4.7.0 mx.example.net Error: too many errors",
        ])
        #expect(client.closed)
    }

    @Test func lineTooLong() {
        var client = TestClient.mx { $0.maxCommandLineLength = 32 }
        client.connect()
        #expect(client.send("NOOP " + String(repeating: "x", count: 25)) == ["250 2.0.0 Ok"])  // 32 with CRLF
        #expect(client.send("NOOP " + String(repeating: "x", count: 26)) == ["500 5.5.2 Error: line too long"])
        // Over several reads: nothing is answered before the line ends, and the rest of the
        // line is not taken for a command.
        #expect(client.raw(String(repeating: "y", count: 40)).isEmpty)
        #expect(client.raw(String(repeating: "z", count: 40) + "QUIT").isEmpty)
        #expect(client.raw("\r\nNOOP\r\n") == ["500 5.5.2 Error: line too long", "250 2.0.0 Ok"])
        #expect(!client.closed)
    }

    @Test func commandLimit() {
        var client = TestClient.mx { $0.maxCommands = 3 }
        client.connect()
        #expect(client.send("NOOP\r\nNOOP\r\nNOOP") == ["250 2.0.0 Ok", "250 2.0.0 Ok", "250 2.0.0 Ok"])
        #expect(client.send("NOOP") == ["421 4.7.0 mx.example.net Error: too many commands"])
        #expect(client.closed)
    }
}

@Suite("Session: timeouts (RFC 5321 §4.5.3.2)")
struct TimeoutTests {
    @Test func whichTimeoutApplies() {
        var client = TestClient.mx()
        #expect(client.session.timeout == nil)
        client.connect()
        #expect(client.session.timeout == SMTPTimeout(kind: .command, duration: .seconds(300)))
        #expect(client.session.timeout?.isClientIdleTimeout == true)
        client.recipientPolicy = { _ in nil }
        client.startTransaction()
        #expect(client.session.timeout == SMTPTimeout(kind: .serverDecision, duration: .seconds(300)))
        #expect(client.session.timeout?.isClientIdleTimeout == false)
        client.answer(.recipientChecked(.accept))
        client.send("DATA")
        #expect(client.session.timeout == SMTPTimeout(kind: .dataBlock, duration: .seconds(180)))
        client.commitPolicy = { _ in nil }
        client.raw(".\r\n")
        #expect(client.session.timeout == SMTPTimeout(kind: .messageCommit, duration: .seconds(600)))
        client.answer(.messageCommitted(.queued(queueID: "Q")))
        client.send("QUIT")
        #expect(client.session.timeout == nil)
    }

    @Test func configuredValues() {
        var client = TestClient.mx { $0.timeouts = SMTPTimeouts(command: .seconds(60), dataBlock: .seconds(30), dataTermination: .seconds(90)) }
        client.connect()
        #expect(client.session.timeout?.duration == .seconds(60))
        client.startTransaction()
        client.send("BDAT 10")
        #expect(client.session.timeout == SMTPTimeout(kind: .dataBlock, duration: .seconds(30)))
    }

    @Test func timeoutCloses() {
        var client = TestClient.mx()
        client.connect()
        #expect(client.deliver(.timedOut) == ["421 4.4.2 mx.example.net Error: timeout exceeded"])
        #expect(client.closed)
    }

    @Test func timeoutDuringDataDropsTheMessage() {
        var client = TestClient.mx()
        client.connect()
        client.startTransaction()
        client.send("DATA")
        client.raw("partial\r\n")
        client.deliver(.timedOut)
        #expect(client.abortCount == 1)
        #expect(client.committed.isEmpty)
        #expect(client.violations.isEmpty)
    }

    @Test func disconnectDuringDataDropsTheMessage() {
        var client = TestClient.mx()
        client.connect()
        client.startTransaction()
        client.send("DATA")
        client.raw("partial\r\n")
        #expect(client.deliver(.connectionClosed).isEmpty)
        #expect(client.abortCount == 1)
        #expect(client.session.state == .closed)
        #expect(client.actions.last == .abortMessage)
    }

    @Test func disconnectWhileCommittingLeavesTheMessageToTheServer() {
        var client = TestClient.mx()
        client.commitPolicy = { _ in nil }
        client.connect()
        client.startTransaction()
        client.send("DATA")
        client.raw("x\r\n.\r\n")
        client.deliver(.connectionClosed)
        #expect(client.abortCount == 0)
        #expect(client.answer(.messageCommitted(.queued(queueID: "Q"))).isEmpty)
    }
}
