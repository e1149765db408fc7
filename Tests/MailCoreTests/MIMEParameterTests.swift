import Testing
@testable import MailCore

@Suite struct MIMEParameterTests {
    @Test func parsesTypeSubtypeAndParameters() throws {
        let ct = try #require(ContentType.parse("Text/HTML; Charset=\"UTF-8\"; format=flowed (comment)"))
        #expect(ct.mimeType == "text/html")
        #expect(ct.charset == "utf-8")
        #expect(ct.parameters["FORMAT"] == "flowed (comment)")
    }

    @Test func ignoresCommentsAroundTheType() throws {
        let ct = try #require(ContentType.parse(" (x) text / plain (y) ; charset=us-ascii"))
        #expect(ct.mimeType == "text/plain")
        #expect(ct.charset == "us-ascii")
    }

    @Test func rejectsInvalidTypes() {
        // RFC 2045 §5.2: the part is then text/plain.
        #expect(ContentType.parse("text") == nil)
        #expect(ContentType.parse("text/") == nil)
        #expect(ContentType.parse("/plain") == nil)
        #expect(ContentType.parse("text/plain garbage") == nil)
        #expect(ContentType.parse("") == nil)
    }

    @Test func forgivesAMissingSemicolonBeforeAParameter() throws {
        let ct = try #require(ContentType.parse("multipart/mixed\tboundary=\"b1\""))
        #expect(ct.boundary == "b1")
    }

    @Test func quotedStringsWithEscapesAndSemicolons() throws {
        let ct = try #require(ContentType.parse(#"application/x; name="a \"b\"; c.txt"; x=1"#))
        #expect(ct.parameters["name"] == #"a "b"; c.txt"#)
        #expect(ct.parameters["x"] == "1")
    }

    @Test func unquotedValuesRunToTheSemicolon() throws {
        let ct = try #require(ContentType.parse("multipart/alternative; boundary=----=_NextPart_000_0093; x=y"))
        #expect(ct.boundary == "----=_NextPart_000_0093")
        let d = ContentDisposition.parse("attachment; filename=This is a test.txt")
        #expect(d.filename == "This is a test.txt")
    }

    @Test func rfc2231ExtendedValue() {
        let d = ContentDisposition.parse("attachment; filename*=iso-8859-1'de'Gr%FC%DFe.txt")
        #expect(d.filename == "Grüße.txt")
        #expect(d.parameters.parameter(named: "filename")?.charset == "iso-8859-1")
        #expect(d.parameters.parameter(named: "filename")?.language == "de")
    }

    @Test func rfc2231ContinuationsInAnyOrder() {
        // RFC 2231 §3 and §4.1: *0* carries the charset, later plain and encoded segments.
        let d = ContentDisposition.parse("""
            attachment; filename*1="very long "; filename*0*=utf-8''%E2%82%AC%20a%20; filename*2*=name%C3%A9.txt
            """)
        #expect(d.filename == "€ a very long nameé.txt")
    }

    @Test func rfc2231WithoutCharsetAndUnencodedContinuations() {
        let ct = ContentType.parse("message/external-body; access-type=URL; URL*0=\"ftp://\"; URL*1=\"cs.utk.edu/pub\"")
        #expect(ct?.parameters["url"] == "ftp://cs.utk.edu/pub")
        let d = ContentDisposition.parse("inline; filename*=''plain%20name")
        #expect(d.filename == "plain name")
    }

    @Test func rfc2231WinsOverPlainDuplicate() {
        let d = ContentDisposition.parse("attachment; filename=\"fallback.txt\"; filename*=utf-8''r%C3%A9el.txt")
        #expect(d.filename == "réel.txt")
    }

    @Test func rfc2047WordsInFilenamesQuotedOrNot() {
        #expect(ContentDisposition.parse("attachment; filename=\"=?utf-8?B?w6nDqS50eHQ=?=\"").filename == "éé.txt")
        #expect(ContentDisposition.parse("attachment; filename==?utf-8?B?w6nDqS50eHQ=?=").filename == "éé.txt")
        #expect(ContentType.parse("application/pdf; name=\"=?utf-8?q?a?= =?utf-8?q?b.pdf?=\"")?.name == "ab.pdf")
    }

    @Test func dispositionKinds() {
        #expect(ContentDisposition.parse("INLINE").kind == .inline)
        #expect(ContentDisposition.parse("attachment; x=1").kind == .attachment)
        // RFC 2183 §2.8: unknown types are treated as attachment.
        #expect(ContentDisposition.parse("x-special").kind == .attachment)
        #expect(ContentDisposition.parse("; filename=a").kind == nil)
    }

    @Test func transferEncodings() {
        #expect(ContentTransferEncoding(" Base64 ") == .base64)
        #expect(ContentTransferEncoding("QUOTED-PRINTABLE (x)") == .quotedPrintable)
        #expect(ContentTransferEncoding("x-uuencode") == .uuencode)
        #expect(ContentTransferEncoding("X-Weird").name == "x-weird")
    }

    @Test func filenameFallsBackToContentTypeName() {
        let m = Message("Content-Type: application/pdf; name=\"report.pdf\"\nContent-Disposition: attachment\n\n%PDF")
        #expect(m.root.filename == "report.pdf")
        let both = Message("Content-Type: application/pdf; name=a.pdf\nContent-Disposition: attachment; filename=b.pdf\n\n")
        #expect(both.root.filename == "b.pdf")
    }
}
