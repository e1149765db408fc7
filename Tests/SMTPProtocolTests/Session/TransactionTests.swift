import MailCore
import Testing
@testable import SMTPProtocol

@Suite("Session: transactions and simple commands")
struct TransactionTests {
    @Test func fullTransaction() {
        var client = TestClient.mx()
        #expect(client.connect() == ["220 mx.example.net ESMTP Postino"])
        #expect(client.session.state == .greeting)
        #expect(client.ehlo() == [
            "250-mx.example.net",
            "250-SIZE 20971520",
            "250-PIPELINING",
            "250-8BITMIME",
            "250-ENHANCEDSTATUSCODES",
            "250-STARTTLS",
            "250-SMTPUTF8",
            "250-DSN",
            "250 CHUNKING",
        ])
        #expect(client.session.state == .ready)
        #expect(client.send("MAIL FROM:<alice@example.org> BODY=8BITMIME SIZE=60") == ["250 2.1.0 Ok"])
        #expect(client.session.state == .inTransaction)
        #expect(client.send("RCPT TO:<bob@example.net>") == ["250 2.1.5 Ok"])
        #expect(client.send("RCPT TO:<carol@example.net>") == ["250 2.1.5 Ok"])
        #expect(client.send("DATA") == ["354 End data with <CR><LF>.<CR><LF>"])
        #expect(client.session.state == .receivingMessage)
        #expect(client.begun.count == 1)
        #expect(client.raw("Subject: hi\r\n\r\n..dotted\r\nbody\r\n.\r\n") == ["250 2.0.0 Ok: queued as QID1"])
        #expect(client.session.state == .ready)

        #expect(client.committed.count == 1)
        let (envelope, stored) = client.committed[0]
        #expect(text(stored) == "Subject: hi\r\n\r\n.dotted\r\nbody\r\n")
        #expect(envelope.reversePath.mailbox == EmailAddress(localPart: "alice", domain: "example.org"))
        #expect(envelope.recipients.map { $0.path.mailbox?.localPart } == ["bob", "carol"])
        #expect(envelope.bodyType == .eightBitMIME)
        #expect(envelope.declaredSize == 60)
        #expect(envelope.messageSize == stored.count)
        #expect(envelope.heloName == "client.example.org")
        #expect(envelope.usedEHLO)
        #expect(!envelope.usedBDAT)
        #expect(envelope.client.remoteAddress == "192.0.2.7")
        #expect(envelope.tls == nil)
        #expect(envelope.authenticatedUser == nil)
        #expect(envelope.receivedProtocol == "ESMTP")

        #expect(client.send("QUIT") == ["221 2.0.0 Bye"])
        #expect(client.closed)
        #expect(client.session.state == .closed)
        #expect(client.violations.isEmpty)
        #expect(client.abortCount == 0)
    }

    @Test func secondTransactionOnTheSameSession() {
        var client = TestClient.mx()
        client.connect()
        client.startTransaction()
        client.send("DATA")
        client.raw("one\r\n.\r\n")
        client.commitPolicy = { _ in .queued(queueID: "QID2") }
        client.send("MAIL FROM:<>")
        client.send("RCPT TO:<carol@example.net>")
        client.send("DATA")
        #expect(client.raw("two\r\n.\r\n") == ["250 2.0.0 Ok: queued as QID2"])
        #expect(client.committed.map { text($0.bytes) } == ["one\r\n", "two\r\n"])
        #expect(client.committed[1].envelope.reversePath == .null)
        #expect(client.committed[1].envelope.recipients.count == 1)
    }

    @Test func heloGivesPlainReplyAndSMTPProtocol() {
        var client = TestClient.mx()
        client.connect()
        #expect(client.send("HELO client.example.org") == ["250 mx.example.net"])
        client.send("MAIL FROM:<a@example.org>")
        client.send("RCPT TO:<b@example.net>")
        client.send("DATA")
        client.raw("x\r\n.\r\n")
        #expect(client.committed.first?.envelope.usedEHLO == false)
        #expect(client.committed.first?.envelope.receivedProtocol == "SMTP")
    }

    @Test func simpleCommands() {
        var client = TestClient.mx()
        client.connect()
        #expect(client.send("NOOP") == ["250 2.0.0 Ok"])
        #expect(client.send("VRFY bob") == ["252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery"])
        #expect(client.send("EXPN staff").codes == ["502"])
        #expect(client.send("EXPN staff").first?.hasPrefix("502 5.5.1 ") == true)
        #expect(client.send("HELP").first?.hasPrefix("214 2.0.0 ") == true)
        #expect(client.send("RSET") == ["250 2.0.0 Ok"])
    }

    @Test func rsetClearsTheTransaction() {
        var client = TestClient.mx()
        client.connect()
        client.startTransaction()
        #expect(client.send("RSET") == ["250 2.0.0 Ok"])
        #expect(client.session.state == .ready)
        #expect(client.send("RCPT TO:<bob@example.net>") == ["503 5.5.1 Error: need MAIL command"])
        #expect(client.send("DATA") == ["503 5.5.1 Error: need MAIL command"])
        // HELO survives RSET.
        #expect(client.send("MAIL FROM:<a@example.org>") == ["250 2.1.0 Ok"])
    }

    @Test func ehloAgainResetsTheTransaction() {
        var client = TestClient.mx()
        client.connect()
        client.startTransaction()
        client.ehlo("again.example.org")
        #expect(client.send("DATA") == ["503 5.5.1 Error: need MAIL command"])
        #expect(client.session.heloName == "again.example.org")
    }

    @Test func outOfSequenceCommands() {
        var client = TestClient.mx()
        client.connect()
        #expect(client.send("MAIL FROM:<a@example.org>") == ["503 5.5.1 Error: send HELO/EHLO first"])
        #expect(client.send("RCPT TO:<b@example.net>") == ["503 5.5.1 Error: need MAIL command"])
        #expect(client.send("DATA") == ["503 5.5.1 Error: need MAIL command"])
        client.ehlo()
        client.send("MAIL FROM:<a@example.org>")
        #expect(client.send("MAIL FROM:<a@example.org>") == ["503 5.5.1 Error: nested MAIL command"])
        #expect(client.send("DATA") == ["554 5.5.1 Error: no valid recipients"])
        #expect(client.begun.isEmpty)
    }

    @Test func dataWithOnlyRejectedRecipients() {
        var client = TestClient.mx()
        client.recipientPolicy = { _ in .reject(SMTPReply(550, "5.1.1", "User unknown")) }
        client.connect()
        client.startTransaction()
        #expect(client.transcript.last == "550 5.1.1 User unknown")
        #expect(client.send("DATA") == ["554 5.5.1 Error: no valid recipients"])
    }

    @Test func syntaxErrorsGetExactReplies() {
        var client = TestClient.mx()
        client.connect()
        client.ehlo()
        #expect(client.send("FOO").first == "500 5.5.2 Error: command not recognized")
        #expect(client.send("").codes == ["500"])
        #expect(client.send("MAIL FROM:alice@example.org").first?.hasPrefix("501 5.1.7 Bad sender address syntax: ") == true)
        #expect(client.send("MAIL FROM:<a@example.org> X-FOO=1").first?.hasPrefix("555 5.5.4 ") == true)
        #expect(client.send("mail from: <a@example.org>") == ["250 2.1.0 Ok"])  // lenient
        #expect(client.send("RCPT TO:<bob@@example.net>").first?.hasPrefix("501 5.1.3 Bad recipient address syntax: ") == true)
        #expect(client.send("RCPT TO:<b@example.net> NOTIFY=MAYBE").first?.hasPrefix("501 5.5.4 ") == true)
        #expect(client.send("rcpt to:<b@example.net>") == ["250 2.1.5 Ok"])
    }

    @Test func sourceRouteIsDroppedAndTheServerDecides() {
        var client = TestClient.mx()
        client.recipientPolicy = { recipient in
            recipient.path.mailbox?.domain == "example.net"
                ? .accept : .reject(SMTPReply(554, "5.7.1", "Relay access denied"))
        }
        client.connect()
        client.ehlo()
        client.send("MAIL FROM:<@a.example,@b.example:alice@example.org>")
        #expect(client.sendersAsked.first?.reversePath.sourceRoute == [])
        #expect(client.send("RCPT TO:<@mx.example.net:bob@elsewhere.example>") == ["554 5.7.1 Relay access denied"])
        #expect(client.recipientsAsked.last?.path == SMTPPath(target: .mailbox(EmailAddress(localPart: "bob", domain: "elsewhere.example"))))
        #expect(client.send("RCPT TO:<@relay.example:bob@example.net>") == ["250 2.1.5 Ok"])
        #expect(client.recipientsAsked.last?.path.sourceRoute == [])
    }

    @Test func relayTricksReachTheServerUnchanged() {
        // The session does not reinterpret `%`, `!` or quoted `@`: the server sees the
        // local part as written and can refuse it.
        var client = TestClient.mx()
        client.recipientPolicy = { recipient in
            recipient.path.mailbox?.hasRoutingCharacters == true
                ? .reject(SMTPReply(554, "5.7.1", "Relay access denied")) : .accept
        }
        client.connect()
        client.ehlo()
        client.send("MAIL FROM:<a@example.org>")
        #expect(client.send("RCPT TO:<user%remote.example@example.net>") == ["554 5.7.1 Relay access denied"])
        #expect(client.send("RCPT TO:<remote.example!user@example.net>") == ["554 5.7.1 Relay access denied"])
        #expect(client.send("RCPT TO:<\"user@remote.example\"@example.net>") == ["554 5.7.1 Relay access denied"])
        #expect(client.recipientsAsked.map { $0.path.mailbox?.localPart } ==
                ["user%remote.example", "remote.example!user", "user@remote.example"])
    }

    @Test func senderRejectedByTheServer() {
        var client = TestClient.mx()
        client.senderPolicy = { _ in .reject(SMTPReply(553, "5.7.1", "Sender address rejected: not owned by user")) }
        client.connect()
        client.ehlo()
        #expect(client.send("MAIL FROM:<x@example.org>") == ["553 5.7.1 Sender address rejected: not owned by user"])
        #expect(client.session.state == .ready)
        #expect(client.send("RCPT TO:<b@example.net>") == ["503 5.5.1 Error: need MAIL command"])
    }

    @Test func commitRejectedByTheServer() {
        var client = TestClient.mx()
        client.commitPolicy = { _ in .reject(SMTPReply(554, "5.7.1", "Message rejected: virus found")) }
        client.connect()
        client.startTransaction()
        client.send("DATA")
        #expect(client.raw("x\r\n.\r\n") == ["554 5.7.1 Message rejected: virus found"])
        #expect(client.session.state == .ready)
        #expect(client.abortCount == 0)  // after commit the octets are the server's
        #expect(client.violations.isEmpty)
    }

    @Test func postmasterIsAcceptedAsRecipient() {
        var client = TestClient.mx()
        client.connect()
        client.ehlo()
        client.send("MAIL FROM:<>")
        #expect(client.send("RCPT TO:<postmaster>") == ["250 2.1.5 Ok"])
        #expect(client.recipientsAsked.first?.path.isPostmaster == true)
    }

    @Test func commandsBeforeConnectedAreHeldUntilTheGreeting() {
        var client = TestClient.mx()
        #expect(client.send("NOOP").isEmpty)
        #expect(client.session.state == .notConnected)
        #expect(client.connect() == ["220 mx.example.net ESMTP Postino", "250 2.0.0 Ok"])
    }
}
