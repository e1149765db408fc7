import Testing
@testable import SMTPProtocol

@Suite("Client: SIZE, 8BITMIME, SMTPUTF8, DSN parameters")
struct ClientExtensionTests {
    @Test func tooBigForTheServerFailsBeforeMAIL() {
        var client = ClientDriver()
        client.open(extensions: ["SIZE 10", "PIPELINING"])
        let start = client.written.count
        client.feed(.send(outgoing(to: ["a@example.net", "b@example.net"])))
        #expect(client.written.count == start)  // nothing sent
        #expect(client.lastOutcomes == [.failed, .failed])
        let refusal = client.results[0].recipients[0]
        #expect(refusal.reply.enhancedCode == "5.3.4")
        #expect(refusal.isLocal)
        #expect(refusal.stage == .beforeTransaction)
        #expect(client.readyCount == 2)  // still usable for the next message
    }

    @Test func eightBitContent() {
        let body = "Subject: caf\u{E9}\r\n\r\nd\u{E9}j\u{E0} vu\r\n"
        var with = ClientDriver()
        with.open(extensions: ["8BITMIME"])
        with.feed(.send(outgoing(body: body)))
        #expect(with.written.last == "MAIL FROM:<alice@example.org> BODY=8BITMIME\r\n")

        // RFC 6152: without 8BITMIME Postino returns the message rather than converting it.
        var without = ClientDriver()
        without.open(extensions: ["PIPELINING"])
        without.feed(.send(outgoing(body: body)))
        #expect(without.lastOutcomes == [.failed])
        #expect(without.results[0].recipients[0].reply.enhancedCode == "5.6.3")
        #expect(without.results[0].recipients[0].reply.lines[0].contains("8BITMIME"))

        // Seven-bit mail needs nothing.
        var plain = ClientDriver()
        plain.open(extensions: ["PIPELINING"])
        plain.feed(.send(outgoing()))
        #expect(plain.writtenText().contains("MAIL FROM:<alice@example.org>\r\n"))
    }

    @Test func smtpUTF8() {
        let intl = SMTPClientMessage(reversePath: "j\u{F6}rg@example.org",
                                     recipients: [SMTPClientRecipient(address: "m\u{FC}ller@example.net")],
                                     content: Array("Subject: x\r\n\r\nhi\r\n".utf8))
        #expect(intl.requiresSMTPUTF8)
        var with = ClientDriver()
        with.open(extensions: ["SMTPUTF8", "8BITMIME"])
        with.feed(.send(intl))
        #expect(with.written.last == "MAIL FROM:<j\u{F6}rg@example.org> SMTPUTF8\r\n")
        with.reply("250 ok")
        #expect(with.written.last == "RCPT TO:<m\u{FC}ller@example.net>\r\n")

        var without = ClientDriver()
        without.open(extensions: ["8BITMIME"])
        without.feed(.send(intl))
        #expect(without.lastOutcomes == [.failed])
        #expect(without.results[0].recipients[0].reply.enhancedCode == "5.6.7")
        #expect(without.results[0].recipients[0].reply.lines[0].contains("SMTPUTF8"))

        // A UTF-8 header with ASCII addresses: X.6.9 (RFC 6531 §3.5).
        var header = SMTPClientMessage(reversePath: "a@example.org", recipients: [SMTPClientRecipient(address: "b@example.net")],
                                       content: Array("Subject: gr\u{FC}\u{DF}e\r\n\r\nhi\r\n".utf8))
        header.requiresSMTPUTF8 = SMTPClientMessage.hasEightBitHeader(header.content)
        #expect(header.requiresSMTPUTF8)
        var headerOnly = ClientDriver()
        headerOnly.open(extensions: ["8BITMIME"])
        headerOnly.feed(.send(header))
        #expect(headerOnly.results[0].recipients[0].reply.enhancedCode == "5.6.9")

        // Asked for but not needed: passed on only when offered.
        var asked = outgoing()
        asked.requestsSMTPUTF8 = true
        var offered = ClientDriver()
        offered.open(extensions: ["SMTPUTF8"])
        offered.feed(.send(asked))
        #expect(offered.written.last == "MAIL FROM:<alice@example.org> SMTPUTF8\r\n")
        var notOffered = ClientDriver()
        notOffered.open(extensions: ["8BITMIME"])
        notOffered.feed(.send(asked))
        #expect(notOffered.written.last == "MAIL FROM:<alice@example.org>\r\n")
    }

    @Test func eightBitHeaderDetectionStopsAtTheBody() {
        #expect(!SMTPClientMessage.hasEightBitHeader(Array("Subject: x\r\n\r\nd\u{E9}j\u{E0}\r\n".utf8)))
        #expect(SMTPClientMessage.hasEightBitHeader(Array("To: J\u{F6}rg <j@example.org>\r\n\r\nx".utf8)))
        #expect(!SMTPClientMessage.hasEightBitHeader(Array("Subject: x\n\nd\u{E9}j\u{E0}\n".utf8)))
    }

    private func dsnMessage() -> SMTPClientMessage {
        SMTPClientMessage(
            reversePath: "alice@example.org",
            recipients: [
                SMTPClientRecipient(address: "bob@example.net", notify: .on([.success, .failure]),
                                    originalRecipient: "rfc822;bob+list@example.net"),
                SMTPClientRecipient(address: "carol@example.net", notify: .never),
            ],
            content: Array("Subject: x\r\n\r\nhi\r\n".utf8), envelopeID: "id=42 +x", dsnReturn: .headers)
    }

    @Test func dsnParametersArePassedOnWhenTheServerSupportsDSN() {
        var client = ClientDriver()
        client.open(extensions: ["DSN", "PIPELINING"])
        client.feed(.send(dsnMessage()))
        #expect(client.written.last == """
            MAIL FROM:<alice@example.org> RET=HDRS ENVID=id+3D42+20+2Bx\r
            RCPT TO:<bob@example.net> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob+list@example.net\r
            RCPT TO:<carol@example.net> NOTIFY=NEVER\r
            DATA\r\n
            """)
        client.reply("250 ok", "250 ok", "250 ok", "354 go")
        client.reply("250 ok")
        #expect(client.results[0].serverSupportsDSN)
    }

    @Test func dsnParametersAreLeftOutOtherwise() {
        var client = ClientDriver()
        client.open(extensions: ["PIPELINING"])
        client.feed(.send(dsnMessage()))
        #expect(client.written.last == """
            MAIL FROM:<alice@example.org>\r
            RCPT TO:<bob@example.net>\r
            RCPT TO:<carol@example.net>\r
            DATA\r\n
            """)
        client.reply("250 ok", "250 ok", "250 ok", "354 go")
        client.reply("250 ok")
        #expect(!client.results[0].serverSupportsDSN)
    }
}

@Suite("Client: CHUNKING/BDAT (RFC 3030)")
struct ClientChunkingTests {
    @Test func oneChunkAfterTheRecipients() {
        var client = ClientDriver()
        client.open(extensions: ["PIPELINING", "CHUNKING"])
        client.feed(.send(outgoing(body: "Subject: x\r\n\r\n.dot stays\r\n")))
        // No DATA in the pipelined group: BDAT waits for the RCPT replies.
        #expect(client.written.last == "MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n")
        client.reply("250 ok", "250 ok")
        #expect(client.written.last == "BDAT 26 LAST\r\nSubject: x\r\n\r\n.dot stays\r\n")
        #expect(client.session.timeout?.waitingFor == "reply to end of data")
        client.reply("250 2.0.0 queued")
        #expect(client.lastOutcomes == [.delivered])
        #expect(client.results[0].recipients[0].stage == .data)
    }

    @Test func severalChunksPipelined() {
        var client = ClientDriver.configured { $0.chunkSize = 10 }
        client.open(extensions: ["PIPELINING", "CHUNKING"])
        client.feed(.send(outgoing(body: "0123456789abcdefghij\r\nxy")))
        client.reply("250 ok", "250 ok")
        let chunks = client.written.suffix(3)
        #expect(Array(chunks) == ["BDAT 10\r\n0123456789", "BDAT 10\r\nabcdefghij", "BDAT 6 LAST\r\n\r\nxy\r\n"])
        client.reply("250 ok", "250 ok")
        #expect(client.results.isEmpty)
        client.reply("250 ok")
        #expect(client.lastOutcomes == [.delivered])
    }

    @Test func chunksOneByOneWithoutPipelining() {
        var client = ClientDriver.configured { $0.chunkSize = 4 }
        client.open(extensions: ["CHUNKING"])
        client.feed(.send(outgoing(body: "abcdefgh")))
        client.reply("250 ok")
        client.reply("250 ok")
        #expect(client.written.last == "BDAT 4\r\nabcd")
        client.reply("250 ok")
        #expect(client.written.last == "BDAT 4\r\nefgh")
        client.reply("250 ok")
        #expect(client.written.last == "BDAT 2 LAST\r\n\r\n")
        client.reply("250 ok")
        #expect(client.lastOutcomes == [.delivered])
    }

    @Test func aFailedChunkStopsTheTransferAndResets() {
        var client = ClientDriver.configured { $0.chunkSize = 4 }
        client.open(extensions: ["CHUNKING"])
        client.feed(.send(outgoing(body: "abcdefgh")))
        client.reply("250 ok")
        client.reply("250 ok")
        client.reply("552 5.3.4 too big")
        #expect(client.lastOutcomes == [.failed])
        #expect(client.written.last == "RSET\r\n")
        #expect(!client.writtenText().contains("efgh"))
    }

    @Test func aFailedPipelinedChunkWaitsForTheRestOfTheReplies() {
        var client = ClientDriver.configured { $0.chunkSize = 4 }
        client.open(extensions: ["PIPELINING", "CHUNKING"])
        client.feed(.send(outgoing(body: "abcdefgh")))
        client.reply("250 ok", "250 ok")
        client.reply("451 4.3.0 disk trouble")
        #expect(client.results.isEmpty)
        client.reply("503 5.5.1 no transaction", "503 5.5.1 no transaction")
        #expect(client.lastOutcomes == [.deferred])
        #expect(client.results[0].recipients[0].reply.code == 451)
        #expect(client.written.last == "RSET\r\n")
    }

    @Test func noChunksWhenEveryRecipientFails() {
        var client = ClientDriver()
        client.open(extensions: ["PIPELINING", "CHUNKING"])
        client.feed(.send(outgoing()))
        client.reply("250 ok", "550 no")
        #expect(!client.writtenText().contains("BDAT"))
        #expect(client.lastOutcomes == [.failed])
        #expect(client.written.last == "RSET\r\n")
    }
}
