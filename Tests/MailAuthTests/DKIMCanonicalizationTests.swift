import Testing
@testable import MailAuth

@Suite struct DKIMCanonicalizationTests {
    // RFC 6376 §3.4.5, header part: "A: X", "B : Y<TAB>\r\n<TAB>Z  ".
    static let exampleFields: [String] = ["A: X", "B : Y\t\r\n\tZ  "]
    // RFC 6376 §3.4.5, body part.
    static let exampleBody = Fixtures.bytes(" C \r\nD \t E\r\n\r\n\r\n")

    @Test func rfc6376RelaxedHeaderExample() {
        let out = Self.exampleFields.flatMap { DKIMHeaderCanonicalizer.canonicalize(Fixtures.bytes($0), .relaxed) }
        #expect(Fixtures.string(out) == "a:X\r\nb:Y Z\r\n")
    }

    @Test func rfc6376SimpleHeaderExample() {
        let out = Self.exampleFields.flatMap { DKIMHeaderCanonicalizer.canonicalize(Fixtures.bytes($0), .simple) }
        #expect(Fixtures.string(out) == "A: X\r\nB : Y\t\r\n\tZ  \r\n")
    }

    @Test func rfc6376RelaxedBodyExample() {
        #expect(Fixtures.string(DKIMBodyCanonicalizer.canonicalize(Self.exampleBody, .relaxed)) == " C\r\nD E\r\n")
    }

    @Test func rfc6376SimpleBodyExample() {
        #expect(Fixtures.string(DKIMBodyCanonicalizer.canonicalize(Self.exampleBody, .simple)) == " C \r\nD \t E\r\n")
    }

    @Test func emptyBodies() {
        // §3.4.3: simple turns an empty body into CRLF; §3.4.4: relaxed leaves it empty.
        #expect(DKIMBodyCanonicalizer.canonicalize([UInt8](), .simple) == [0x0D, 0x0A])
        #expect(DKIMBodyCanonicalizer.canonicalize([UInt8](), .relaxed) == [])
        #expect(DKIMBodyCanonicalizer.canonicalize(Fixtures.bytes("\r\n\r\n"), .simple) == [0x0D, 0x0A])
        #expect(DKIMBodyCanonicalizer.canonicalize(Fixtures.bytes("\r\n \t\r\n"), .relaxed) == [])
    }

    @Test func trailingWhitespaceAndEmptyLines() {
        let body = Fixtures.bytes("line one  \r\n\tindented\t \r\n\r\nlast \r\n \r\n\r\n")
        #expect(Fixtures.string(DKIMBodyCanonicalizer.canonicalize(body, .relaxed)) == "line one\r\n indented\r\n\r\nlast\r\n")
        // simple keeps whitespace, including a whitespace-only line, and drops only empty lines.
        #expect(Fixtures.string(DKIMBodyCanonicalizer.canonicalize(body, .simple)) == "line one  \r\n\tindented\t \r\n\r\nlast \r\n \r\n")
    }

    @Test func lastLineWithoutLineBreakGetsOne() {
        #expect(Fixtures.string(DKIMBodyCanonicalizer.canonicalize(Fixtures.bytes("end"), .simple)) == "end\r\n")
        #expect(Fixtures.string(DKIMBodyCanonicalizer.canonicalize(Fixtures.bytes("end  "), .relaxed)) == "end\r\n")
    }

    @Test func loneCarriageReturnIsContent() {
        #expect(Fixtures.string(DKIMBodyCanonicalizer.canonicalize(Fixtures.bytes("a\rb\r\n"), .relaxed)) == "a\rb\r\n")
    }

    @Test func relaxedHeaderNameCaseAndFolding() {
        let field = Fixtures.bytes("SUBJECT:   Hello,\r\n   world \t")
        #expect(Fixtures.string(DKIMHeaderCanonicalizer.canonicalize(field, .relaxed)) == "subject:Hello, world\r\n")
        #expect(Fixtures.string(DKIMHeaderCanonicalizer.canonicalize(Fixtures.bytes("X-Empty:"), .relaxed)) == "x-empty:\r\n")
        #expect(Fixtures.string(DKIMHeaderCanonicalizer.canonicalize(Fixtures.bytes("X-Blank: \t "), .relaxed)) == "x-blank:\r\n")
    }

    @Test func lineEndingsNormalization() {
        #expect(LineEndings.crlfNormalized(Fixtures.bytes("a\nb\r\nc\n")) == Fixtures.bytes("a\r\nb\r\nc\r\n"))
        #expect(LineEndings.crlfNormalized(Fixtures.bytes("a\rb")) == Fixtures.bytes("a\rb"))
        #expect(LineEndings.style(of: Fixtures.bytes("a\nb\n")) == [0x0A])
        #expect(LineEndings.style(of: Fixtures.bytes("a\r\nb\n")) == [0x0D, 0x0A])
        #expect(LineEndings.style(of: Fixtures.bytes("no break")) == [0x0D, 0x0A])
    }

    @Test func fieldSelectionIsBottomUp() {
        let message = DKIMMessage(Fixtures.crlf("Received: one\nTo: a@x.example\nReceived: two\nFrom: f@x.example\n\nbody\n"))
        let selected = message.selectFields(["received", "received", "received", "from", "to"])
        #expect(selected.map { Fixtures.string(Array(message.fieldBytes($0))) }
            == ["Received: two", "Received: one", "From: f@x.example", "To: a@x.example"])
    }

    @Test func canonicalizationPairParsing() {
        #expect(DKIMCanonicalizationPair(tagValue: "relaxed") == DKIMCanonicalizationPair(header: .relaxed, body: .simple))
        #expect(DKIMCanonicalizationPair(tagValue: "simple/relaxed") == DKIMCanonicalizationPair(header: .simple, body: .relaxed))
        #expect(DKIMCanonicalizationPair(tagValue: "relaxed/") == nil)
        #expect(DKIMCanonicalizationPair(tagValue: "nowsp") == nil)
        #expect(DKIMCanonicalizationPair(tagValue: "a/b/c") == nil)
    }
}
