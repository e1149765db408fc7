import Testing
@testable import MailCore

@Suite struct EncodingQuotedPrintableTests {
    private func decode(_ s: String) -> String {
        String(decoding: QuotedPrintableCodec.decode(Array(s.utf8)), as: UTF8.self)
    }

    @Test func decodesEscapesInEitherCase() {
        #expect(decode("caf=C3=A9 =3d=3D") == "café ==")
    }

    @Test func joinsSoftLineBreaks() {
        #expect(decode("long=\r\nline") == "longline")
        #expect(decode("long=\nline") == "longline")
        // Whitespace after "=" was added in transport (RFC 2045 §6.7 rule 3).
        #expect(decode("long= \t\r\nline") == "longline")
        #expect(decode("end=") == "end")
    }

    @Test func keepsMalformedEscapesLiterally() {
        #expect(decode("a=ZZb =4") == "a=ZZb =4")
        #expect(decode("100% = sure") == "100% = sure")
    }

    @Test func dropsTrailingWhitespaceOfHardLines() {
        #expect(decode("a  \r\nb\t\nc ") == "a\r\nb\nc")
        // Encoded whitespace is data and stays.
        #expect(decode("a=20\r\n") == "a \r\n")
    }

    @Test func encodesWithinLineLimitAndRoundTrips() {
        let text = String(repeating: "Grüße, ", count: 30) + "end  \r\nsecond line\r\n"
        let encoded = QuotedPrintableCodec.encode(Array(text.utf8))
        let lines = String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(String(decoding: encoded, as: UTF8.self).contains("end =20\r\n"))
        #expect(decode(String(decoding: encoded, as: UTF8.self)) == text)
    }

    @Test func decodesEncodedWordText() {
        let q = QuotedPrintableCodec.decodeEncodedWordText(Array("a_b=3F=zz".utf8))
        #expect(String(decoding: q, as: UTF8.self) == "a b?=zz")
    }
}
