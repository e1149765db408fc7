import Testing
@testable import SMTPProtocol

@Suite("Client: mail transactions")
struct ClientTransactionTests {
    static let noPipelining = ["8BITMIME", "ENHANCEDSTATUSCODES"]

    @Test func oneCommandAtATimeWithoutPipelining() {
        var client = ClientDriver()
        client.open(extensions: Self.noPipelining)
        let start = client.written.count
        client.feed(.send(outgoing(to: ["bob@example.net", "carol@example.net"])))
        #expect(client.written[start...] == ["MAIL FROM:<alice@example.org>\r\n"])
        #expect(client.session.timeout?.waitingFor == "reply to MAIL FROM")
        client.reply("250 2.1.0 Ok")
        #expect(client.written.last == "RCPT TO:<bob@example.net>\r\n")
        #expect(client.session.timeout?.waitingFor == "reply to RCPT TO")
        client.reply("250 2.1.5 Ok")
        #expect(client.written.last == "RCPT TO:<carol@example.net>\r\n")
        client.reply("550 5.1.1 <carol@example.net>: User unknown")
        #expect(client.written.last == "DATA\r\n")
        #expect(client.session.timeout == SMTPClientTimeout(waitingFor: "reply to DATA", duration: .seconds(120)))
        client.reply("354 go ahead")
        #expect(client.written.last == "Subject: hi\r\n\r\nHello.\r\n.\r\n")
        #expect(client.session.timeout == SMTPClientTimeout(waitingFor: "reply to end of data", duration: .seconds(600)))
        client.reply("250 2.0.0 Ok: queued as ABC")
        #expect(client.lastOutcomes == [.delivered, .failed])
        let result = client.results[0]
        #expect(result.recipients[0].reply.summary == "250 2.0.0 Ok: queued as ABC")
        #expect(result.recipients[0].stage == .data)
        #expect(result.recipients[1].reply.enhancedCode == "5.1.1")
        #expect(result.recipients[1].stage == .recipient)
        #expect(!result.recipients[1].isLocal)
        #expect(client.readyCount == 2)  // ready again, no RSET needed
        #expect(!client.written.contains("RSET\r\n"))
    }

    @Test func pipelinedGroupInOneWrite() {
        var client = ClientDriver()
        client.open()
        let start = client.written.count
        client.feed(.send(outgoing(to: ["bob@example.net", "carol@example.net"])))
        #expect(client.written[start...] == [
            "MAIL FROM:<alice@example.org> SIZE=23\r\nRCPT TO:<bob@example.net>\r\nRCPT TO:<carol@example.net>\r\nDATA\r\n",
        ])
        client.reply("250 2.1.0 Ok", "250 2.1.5 Ok", "450 4.2.1 <carol@example.net>: try later", "354 go")
        #expect(client.written.last == "Subject: hi\r\n\r\nHello.\r\n.\r\n")
        client.reply("250 2.0.0 Ok")
        #expect(client.lastOutcomes == [.delivered, .deferred])
    }

    @Test func pipelinedEveryRecipientRefusedButDataAccepted() {
        var client = ClientDriver()
        client.open()
        client.feed(.send(outgoing(to: ["x@example.net"])))
        client.reply("250 Ok", "550 5.1.1 no such user", "354 send it anyway")
        // RFC 2920 §3.1: no content, just the terminating dot.
        #expect(client.written.last == ".\r\n")
        client.reply("554 5.5.1 no valid recipients")
        #expect(client.lastOutcomes == [.failed])
        #expect(client.results[0].recipients[0].reply.code == 550)
        #expect(client.readyCount == 2)
    }

    @Test func pipelinedEveryRecipientRefusedAndDataRefused() {
        var client = ClientDriver()
        client.open()
        client.feed(.send(outgoing(to: ["x@example.net"])))
        client.reply("250 Ok", "550 5.1.1 no such user", "554 5.5.1 no valid recipients")
        #expect(client.lastOutcomes == [.failed])
        #expect(client.written.last == "RSET\r\n")  // MAIL was accepted: clear the transaction
        client.reply("250 2.0.0 Ok")
        #expect(client.readyCount == 2)
    }

    @Test func refusedSenderFailsEveryRecipientWithItsReply() {
        var client = ClientDriver()
        client.open(extensions: Self.noPipelining)
        client.feed(.send(outgoing(to: ["a@example.net", "b@example.net"])))
        client.reply("553 5.7.1 sender rejected")
        #expect(client.lastOutcomes == [.failed, .failed])
        #expect(client.results[0].recipients.allSatisfy { $0.stage == .mail && $0.reply.code == 553 })
        #expect(!client.writtenText().contains("RCPT"))
        #expect(!client.written.contains("RSET\r\n"))

        var pipelined = ClientDriver()
        pipelined.open()
        pipelined.feed(.send(outgoing(to: ["a@example.net"])))
        pipelined.reply("451 4.3.0 try later", "503 5.5.1 need MAIL", "503 5.5.1 need RCPT")
        #expect(pipelined.lastOutcomes == [.deferred])
        #expect(pipelined.results[0].recipients[0].reply.code == 451)  // the cause, not the 503
        #expect(pipelined.readyCount == 2)
    }

    @Test(arguments: [(451, SMTPRecipientResult.Outcome.deferred), (554, .failed)])
    func finalReplyDecidesForEveryAcceptedRecipient(code: Int, outcome: SMTPRecipientResult.Outcome) {
        var client = ClientDriver()
        client.open()
        client.feed(.send(outgoing(to: ["a@example.net", "b@example.net"])))
        client.reply("250 Ok", "250 Ok", "250 Ok", "354 go")
        client.reply("\(code) \(code / 100).0.0 content refused")
        #expect(client.lastOutcomes == [outcome, outcome])
        #expect(client.results[0].recipients[0].stage == .data)
        #expect(!client.written.contains("RSET\r\n"))
    }

    @Test func dataRefusedBeforeContentThenRSET() {
        var client = ClientDriver()
        client.open(extensions: Self.noPipelining)
        client.feed(.send(outgoing()))
        client.reply("250 Ok")
        client.reply("250 Ok")
        client.reply("451 4.3.0 not now")
        #expect(client.lastOutcomes == [.deferred])
        #expect(client.written.last == "RSET\r\n")
        #expect(client.readyCount == 1)
        client.reply("250 Ok")
        #expect(client.readyCount == 2)
    }

    @Test func severalMessagesOnOneConnectionWithRSETAfterAFailure() {
        var client = ClientDriver()
        client.open()
        client.feed(.send(outgoing(to: ["gone@example.net"])))
        client.reply("250 Ok", "550 5.1.1 gone", "554 no valid recipients")
        client.reply("250 reset")
        client.feed(.send(outgoing(to: ["bob@example.net"], body: "Subject: two\r\n\r\n.dot\r\n")))
        client.reply("250 Ok", "250 Ok", "354 go")
        #expect(client.written.last == "Subject: two\r\n\r\n..dot\r\n.\r\n")
        client.reply("250 Ok")
        #expect(client.results.map { $0.recipients.map(\.outcome) } == [[.failed], [.delivered]])
        #expect(client.session.messageCount == 2)
        #expect(client.written.filter { $0 == "RSET\r\n" }.count == 1)
        client.feed(.quit)
        client.reply("221 bye")
        #expect(client.closed)
        #expect(client.violations.isEmpty)
    }

    @Test func refusedRSETEndsTheSession() {
        var client = ClientDriver()
        client.open()
        client.feed(.send(outgoing()))
        client.reply("250 Ok", "250 Ok", "451 4.3.0 later")
        client.reply("500 what")
        #expect(client.failures.map(\.stage) == [.reset])
        #expect(client.closed)
    }

    @Test func serviceClosingMidTransactionDefersWithItsReply() {
        var client = ClientDriver()
        client.open()
        client.feed(.send(outgoing(to: ["a@example.net", "b@example.net"])))
        client.reply("250 Ok", "550 5.1.1 unknown", "421 4.7.0 mx.example.net closing")
        #expect(client.lastOutcomes == [.failed, .deferred])
        #expect(client.results[0].recipients[1].reply.code == 421)
        #expect(!client.results[0].recipients[1].isLocal)
        #expect(client.failures.map(\.stage) == [.transaction])
        #expect(client.closed)
        #expect(client.violations.isEmpty)
    }

    @Test func lostConnectionAfterTheDotIsADeferral() {
        var client = ClientDriver()
        client.open()
        client.feed(.send(outgoing()))
        client.reply("250 Ok", "250 Ok", "354 go")
        client.feed(.connectionClosed)
        #expect(client.lastOutcomes == [.deferred])
        let recipient = client.results[0].recipients[0]
        #expect(recipient.isLocal)
        #expect(recipient.reply.summary == "451 4.4.2 connection closed by the server")
        #expect(recipient.stage == .data)
        #expect(client.failures.count == 1)
    }

    @Test func timeoutWaitingForTheFinalReply() {
        var client = ClientDriver()
        client.open()
        client.feed(.send(outgoing()))
        client.reply("250 Ok", "250 Ok", "354 go")
        client.feed(.timedOut)
        #expect(client.lastOutcomes == [.deferred])
        #expect(client.results[0].recipients[0].reply.lines == ["timeout while waiting for reply to end of data"])
        #expect(client.closed)
    }

    @Test func bareLineFeedsAreSentAsCRLFAndTheLastLineIsEnded() {
        var client = ClientDriver()
        client.open()
        client.feed(.send(outgoing(body: "Subject: x\n\n.one\nlast line without end")))
        client.reply("250 Ok", "250 Ok", "354 go")
        #expect(client.written.last == "Subject: x\r\n\r\n..one\r\nlast line without end\r\n.\r\n")
    }

    @Test func unsafeAddressesNeverReachTheWire() {
        var client = ClientDriver()
        client.open()
        client.feed(.send(outgoing(to: ["ok@example.net", "evil@example.net>\r\nRSET"])))
        #expect(!client.writtenText().contains("evil"))
        client.reply("250 Ok", "250 Ok", "354 go")
        client.reply("250 Ok")
        #expect(client.lastOutcomes == [.delivered, .failed])
        #expect(client.results[0].recipients[1].reply.enhancedCode == "5.1.3")

        var badSender = ClientDriver()
        badSender.open()
        badSender.feed(.send(outgoing(from: "a@b\r\nDATA")))
        #expect(badSender.lastOutcomes == [.failed])
        #expect(badSender.results[0].recipients[0].reply.enhancedCode == "5.1.7")
        #expect(!badSender.writtenText().contains("MAIL"))
    }

    @Test func nullSender() {
        var client = ClientDriver()
        client.open(extensions: Self.noPipelining)
        client.feed(.send(outgoing(from: "")))
        #expect(client.written.last == "MAIL FROM:<>\r\n")
    }
}
