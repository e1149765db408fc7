import Testing
@testable import SMTPProtocol

@Suite("SMTPReply encoding")
struct ReplyEncodingTests {
    @Test func singleLineWithEnhancedCode() {
        #expect(SMTPReply(250, "2.1.0", "Ok").description == "250 2.1.0 Ok\r\n")
    }

    @Test func multiLineRepeatsCodeAndEnhancedCodeOnEveryLine() {
        let reply = SMTPReply(code: 550, enhancedCode: "5.7.1", lines: ["first", "second", "third"])
        #expect(reply.description == "550-5.7.1 first\r\n550-5.7.1 second\r\n550 5.7.1 third\r\n")
    }

    @Test func multiLineWithoutEnhancedCode() {
        let reply = SMTPReply(code: 250, lines: ["mx.example.net", "PIPELINING", "CHUNKING"])
        #expect(reply.description == "250-mx.example.net\r\n250-PIPELINING\r\n250 CHUNKING\r\n")
    }

    @Test func emptyChallengeKeepsTheSpace() {
        // RFC 4954 §4: continue-req = "334" SP [base64] CRLF
        #expect(SMTPReply(334, nil, "").description == "334 \r\n")
        #expect(SMTPReply(code: 334, lines: []).description == "334 \r\n")
    }

    @Test func controlCharactersCannotBreakFraming() {
        let reply = SMTPReply(501, "5.1.7", "bad\r\n250 injected\u{7F}é")
        #expect(reply.description == "501 5.1.7 bad??250 injected???\r\n")
        #expect(reply.encoded.filter { $0 == 0x0A }.count == 1)
    }

    @Test func classes() {
        #expect(SMTPReply(354, nil, "go").isPositive)
        #expect(SMTPReply(452, "4.5.3", "x").isTransientFailure)
        #expect(SMTPReply(554, "5.5.1", "x").isPermanentFailure)
        #expect(!SMTPReply(554, "5.5.1", "x").isTransientFailure)
    }

    @Test func enhancedStatusCodeParsing() {
        #expect(SMTPEnhancedStatusCode(parsing: "5.1.1") == SMTPEnhancedStatusCode(5, 1, 1))
        #expect(SMTPEnhancedStatusCode(parsing: "4.7.11")?.description == "4.7.11")
        #expect(SMTPEnhancedStatusCode(parsing: "3.1.1") == nil)
        #expect(SMTPEnhancedStatusCode(parsing: "5.1") == nil)
        #expect(SMTPEnhancedStatusCode(parsing: "5..1") == nil)
        #expect(SMTPEnhancedStatusCode(parsing: "5.1.x") == nil)
        #expect(SMTPEnhancedStatusCode(parsing: "5.1.1000") == nil)
    }
}
