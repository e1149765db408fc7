import Testing
@testable import SMTPProtocol

@Suite("Client: reply parsing (RFC 5321 §4.2, RFC 2034)")
struct ReplyParserTests {
    private func parse(_ text: String) throws -> [SMTPReply] {
        var parser = SMTPReplyParser()
        parser.append(Array(text.utf8))
        var replies: [SMTPReply] = []
        while let reply = try parser.next() { replies.append(reply) }
        return replies
    }

    @Test func singleLineWithEnhancedCode() throws {
        let replies = try parse("550 5.1.1 <bob@example.net>: User unknown\r\n")
        #expect(replies == [SMTPReply(550, "5.1.1", "<bob@example.net>: User unknown")])
        #expect(replies[0].summary == "550 5.1.1 <bob@example.net>: User unknown")
    }

    @Test func multiLineRepliesKeepEveryLineAndStripTheRepeatedCode() throws {
        let replies = try parse("451-4.7.1 Greylisted,\r\n451-4.7.1 please try\r\n451 4.7.1 again later\r\n")
        #expect(replies.count == 1)
        #expect(replies[0].code == 451)
        #expect(replies[0].enhancedCode == "4.7.1")
        #expect(replies[0].lines == ["Greylisted,", "please try", "again later"])
        #expect(replies[0].summary == "451 4.7.1 Greylisted, please try again later")
    }

    @Test func anEnhancedCodeOfAnotherClassIsText() throws {
        let replies = try parse("250 5.1.1 odd but legal\r\n")
        #expect(replies[0].enhancedCode == nil)
        #expect(replies[0].lines == ["5.1.1 odd but legal"])
    }

    @Test func greetingWithoutEnhancedCodeAndBareCode() throws {
        let replies = try parse("220 mx.example.net ESMTP\r\n250\r\n")
        #expect(replies.map(\.code) == [220, 250])
        #expect(replies[0].enhancedCode == nil)
        #expect(replies[0].lines == ["mx.example.net ESMTP"])
        #expect(replies[1].lines == [""])
    }

    @Test func octetsInAnyChunkingAndBareLF() throws {
        var parser = SMTPReplyParser()
        var replies: [SMTPReply] = []
        for byte in Array("250-first\r\n250 second\n354 go ahead\r\n".utf8) {
            parser.append([byte])
            while let reply = try parser.next() { replies.append(reply) }
        }
        #expect(replies.map(\.code) == [250, 354])
        #expect(replies[0].lines == ["first", "second"])
        #expect(parser.bufferedCount == 0)
    }

    @Test func controlCharactersAreNeutralised() throws {
        let replies = try parse("550 5.7.1 bad\u{1B}[31m text\r\n")
        #expect(replies[0].lines == ["bad?[31m text"])
    }

    @Test(arguments: [
        "hello world\r\n",          // not a reply
        "2500 too many digits\r\n", // no separator
        "199 too low\r\n",
        "600 too high\r\n",
        "250-a\r\n251 b\r\n",       // codes differ
    ])
    func malformedInputIsAProtocolError(_ input: String) {
        #expect(throws: SMTPReplyParser.ProtocolError.self) { try parse(input) }
    }

    @Test func lineAndReplyLimits() {
        var parser = SMTPReplyParser(maxLineLength: 64, maxLines: 3)
        parser.append(Array(("250 " + String(repeating: "x", count: 100)).utf8))
        #expect(throws: SMTPReplyParser.ProtocolError.self) { try parser.next() }

        var lines = SMTPReplyParser(maxLineLength: 64, maxLines: 3)
        lines.append(Array("250-a\r\n250-b\r\n250-c\r\n250-d\r\n250 e\r\n".utf8))
        #expect(throws: SMTPReplyParser.ProtocolError.self) { try lines.next() }
    }
}

@Suite("Client: EHLO capabilities")
struct ServerCapabilitiesTests {
    @Test func extensionsAndTheirParameters() {
        let reply = SMTPReply(code: 250, lines: [
            "mx.example.net Hello", "PIPELINING", "SIZE 10240000", "8bitmime", "AUTH PLAIN LOGIN CRAM-MD5",
            "AUTH=LOGIN", "DSN", "SMTPUTF8", "CHUNKING", "STARTTLS", "ENHANCEDSTATUSCODES",
        ])
        let caps = SMTPServerCapabilities(ehloReply: reply)
        #expect(caps.pipelining && caps.eightBitMIME && caps.dsn && caps.smtpUTF8 && caps.chunking)
        #expect(caps.startTLS && caps.enhancedStatusCodes)
        #expect(caps.maximumSize == 10_240_000)
        #expect(caps.authMechanisms == ["PLAIN", "LOGIN", "CRAM-MD5"])
        #expect(!caps.supports("MX.EXAMPLE.NET"))  // the greeting line is not an extension
    }

    @Test func sizeZeroOrMissingMeansNoLimit() {
        #expect(SMTPServerCapabilities(ehloReply: SMTPReply(code: 250, lines: ["x", "SIZE 0"])).maximumSize == nil)
        #expect(SMTPServerCapabilities(ehloReply: SMTPReply(code: 250, lines: ["x", "SIZE"])).maximumSize == nil)
        #expect(SMTPServerCapabilities(ehloReply: SMTPReply(code: 250, lines: ["x", "SIZE 12ab"])).maximumSize == nil)
        #expect(SMTPServerCapabilities(ehloReply: SMTPReply(code: 250, lines: ["x", "SIZE 99999999999999999999"])).maximumSize == .max)
    }

    @Test func oldStyleAuthEquals() {
        let caps = SMTPServerCapabilities(ehloReply: SMTPReply(code: 250, lines: ["x", "AUTH=PLAIN LOGIN"]))
        #expect(caps.authMechanisms == ["PLAIN", "LOGIN"])
    }
}
