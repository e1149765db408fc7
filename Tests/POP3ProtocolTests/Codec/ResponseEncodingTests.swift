import Testing
@testable import POP3Protocol

@Suite("Codec: response encoding")
struct ResponseEncodingTests {
    @Test func singleLine() {
        #expect(POP3Response.ok("2 320").description == "+OK 2 320\r\n")
        #expect(POP3Response.ok().description == "+OK\r\n")
        #expect(POP3Response.err("No such message").description == "-ERR No such message\r\n")
    }

    @Test func responseCodesInBrackets() {
        // RFC 2449 §8 / RFC 3206.
        #expect(POP3Response.err("locked", code: .inUse).description == "-ERR [IN-USE] locked\r\n")
        #expect(POP3Response.err("later", code: .loginDelay).description == "-ERR [LOGIN-DELAY] later\r\n")
        #expect(POP3Response.err("disk", code: .systemTemporary).description == "-ERR [SYS/TEMP] disk\r\n")
        #expect(POP3Response.err("broken", code: .systemPermanent).description == "-ERR [SYS/PERM] broken\r\n")
        #expect(POP3Response.err("bad", code: .auth).description == "-ERR [AUTH] bad\r\n")
        #expect(POP3Response.err("", code: .auth).description == "-ERR [AUTH]\r\n")
    }

    @Test func saslContinuationAlwaysHasItsSpace() {
        // RFC 5034 §4: "+" SP [base64].
        #expect(POP3Response(status: .continuation).description == "+ \r\n")
        #expect(POP3Response(status: .continuation, text: "Zm9v").description == "+ Zm9v\r\n")
    }

    @Test func multiLineIsByteStuffedAndTerminated() {
        let response = POP3Response.ok("follows", lines: ["TOP", ".hidden", "..", ""])
        #expect(response.description == "+OK follows\r\nTOP\r\n..hidden\r\n...\r\n\r\n.\r\n")
        #expect(POP3Response.ok("empty", lines: []).description == "+OK empty\r\n.\r\n")
    }

    @Test func textCannotInjectLines() {
        let response = POP3Response.err("bad\r\n+OK forged")
        #expect(response.description == "-ERR bad??+OK forged\r\n")
        #expect(POP3Response.ok("x", lines: ["a\r\n.\r\nb"]).description == "+OK x\r\na??.??b\r\n.\r\n")
        #expect(POP3Response.ok("é").description == "+OK ??\r\n")
    }

    @Test func linesAreCutAt512Octets() {
        let long = String(repeating: "x", count: 2000)
        #expect(POP3Response.err(long).encoded.count == 512)
        #expect(POP3Response.ok(long).encoded.count == 512)
        let multi = POP3Response.ok("x", lines: [long]).encoded
        #expect(multi.count == "+OK x\r\n".utf8.count + 512 + 3)
    }
}
