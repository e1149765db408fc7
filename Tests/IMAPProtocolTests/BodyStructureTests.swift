import Foundation
import MailCore
import Testing
@testable import IMAPProtocol

func crlf(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\r\n") }

func bodyStructureText(_ message: Message, extended: Bool = true) -> String {
    let structure = IMAPBodyStructure(message: message)
    return String(decoding: IMAPResponseEncoder.encodedValue(of: extended ? .bodyStructure(structure) : .body(structure)), as: UTF8.self)
}

func envelopeText(_ message: Message) -> String {
    String(decoding: IMAPResponseEncoder.encodedValue(of: .envelope(IMAPEnvelope(message: message))), as: UTF8.self)
}

/// The RFC 3501 §8 sample message: its FETCH FULL response is given in the RFC.
func rfc3501SampleMessage() -> Message {
    let header = crlf("""
    Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)
    From: Terry Gray <gray@cac.washington.edu>
    Subject: IMAP4rev1 WG mtg summary and minutes
    To: imap@cac.washington.edu
    cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>
    Message-Id: <B27397-0100000@cac.washington.edu>
    MIME-Version: 1.0
    Content-Type: TEXT/PLAIN; CHARSET=US-ASCII


    """)
    // 92 lines, 3028 octets.
    var body = ""
    for i in 0..<92 { body += String(repeating: "x", count: i < 84 ? 31 : 30) + "\r\n" }
    return Message(header + body)
}

@Suite struct EnvelopeTests {
    @Test func rfc3501Example() {
        #expect(envelopeText(rfc3501SampleMessage()) == """
            ("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" "IMAP4rev1 WG mtg summary and minutes" (("Terry Gray" NIL "gray" "cac.washington.edu")) \
            (("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) ((NIL NIL "imap" "cac.washington.edu")) \
            ((NIL NIL "minutes" "CNRI.Reston.VA.US")("John Klensin" NIL "KLENSIN" "MIT.EDU")) NIL NIL "<B27397-0100000@cac.washington.edu>")
            """)
    }

    @Test func missingAndEmptyFields() {
        let message = Message(crlf("Subject:\nFrom: a@b.c\nSender:\nIn-Reply-To: <x@y>\nTo:   \n\nbody\n"))
        #expect(envelopeText(message) == "(NIL \"\" ((NIL NIL \"a\" \"b.c\")) ((NIL NIL \"a\" \"b.c\")) ((NIL NIL \"a\" \"b.c\")) NIL NIL NIL \"<x@y>\" NIL)")
        #expect(envelopeText(Message("\r\nno header\r\n")) == "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)")
    }

    @Test func groupsQuotingAndEncodedWords() {
        let message = Message(crlf("""
        From: "Doe, John" <john.doe@example.com>
        Reply-To: =?UTF-8?Q?Andr=C3=A9?= <andre@example.com>
        To: A Group: one@x.org, "Two" <two@y.org>; , solo@z.org
        Cc: undisclosed-recipients:;
        Bcc: "quoted local"@example.com
        Subject: =?ISO-8859-1?Q?caf=E9?=
          folded

        body
        """))
        #expect(envelopeText(message) == """
            (NIL "=?ISO-8859-1?Q?caf=E9?=  folded" (("Doe, John" NIL "john.doe" "example.com")) (("Doe, John" NIL "john.doe" "example.com")) \
            (("=?UTF-8?Q?Andr=C3=A9?=" NIL "andre" "example.com")) ((NIL NIL "A Group" NIL)(NIL NIL "one" "x.org")("Two" NIL "two" "y.org")(NIL NIL NIL NIL)\
            (NIL NIL "solo" "z.org")) ((NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL)) ((NIL NIL "quoted local" "example.com")) NIL NIL)
            """)
    }

    @Test func eightBitHeadersBecomeLiterals() {
        let message = Message(bytes: Array("Subject: Grüße\r\nFrom: Jürgen <j@x.de>\r\n\r\n".utf8))
        #expect(envelopeText(message) == "(NIL {7}\r\nGrüße ((\"J\u{FC}rgen\" NIL \"j\" \"x.de\")) ((\"J\u{FC}rgen\" NIL \"j\" \"x.de\")) ((\"J\u{FC}rgen\" NIL \"j\" \"x.de\")) NIL NIL NIL NIL NIL)".replacingOccurrences(of: "\"J\u{FC}rgen\"", with: "{7}\r\nJürgen"))
    }
}

@Suite struct BodyStructureTests {
    @Test func rfc3501Example() {
        let message = rfc3501SampleMessage()
        #expect(bodyStructureText(message, extended: false) == "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)")
        #expect(bodyStructureText(message) == "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92 NIL NIL NIL NIL)")
    }

    @Test func defaultsForAPlainMessage() {
        #expect(bodyStructureText(Message("Subject: x\r\n\r\nHello\r\nWorld")) == "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 12 1 NIL NIL NIL NIL)")
        #expect(bodyStructureText(Message("Content-Type: text/html; format=flowed\r\n\r\n<p>\r\n"))
                == "(\"TEXT\" \"HTML\" (\"CHARSET\" \"US-ASCII\" \"FORMAT\" \"flowed\") NIL NIL \"7BIT\" 5 1 NIL NIL NIL NIL)")
        #expect(bodyStructureText(Message("Content-Type: image/png\r\nContent-Transfer-Encoding: Base64 (comment)\r\n\r\niVBO\r\n"))
                == "(\"IMAGE\" \"PNG\" NIL NIL NIL \"BASE64\" 6 NIL NIL NIL NIL)")
    }

    @Test func multipartWithAttachmentAndExtensionData() {
        let message = Message(crlf("""
        Content-Type: multipart/mixed; boundary="XX"

        preamble
        --XX
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable
        Content-Language: en, fr (French)

        caf=C3=A9
        --XX
        Content-Type: application/pdf; name="report.pdf"
        Content-Disposition: attachment; filename="report.pdf"; size=3
        Content-ID: <part2@x>
        Content-Description: The report
        Content-Location: http://example.com/
         report.pdf
        Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==
        Content-Transfer-Encoding: base64

        JVBE
        --XX--
        epilogue
        """))
        #expect(bodyStructureText(message) == """
            (("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "QUOTED-PRINTABLE" 9 0 NIL NIL ("en" "fr") NIL)\
            ("APPLICATION" "PDF" ("NAME" "report.pdf") "<part2@x>" "The report" "BASE64" 4 "Q2hlY2sgSW50ZWdyaXR5IQ==" \
            ("ATTACHMENT" ("FILENAME" "report.pdf" "SIZE" "3")) NIL "http://example.com/report.pdf") "MIXED" ("BOUNDARY" "XX") NIL NIL NIL)
            """)
        #expect(bodyStructureText(message, extended: false) == """
            (("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "QUOTED-PRINTABLE" 9 0)("APPLICATION" "PDF" ("NAME" "report.pdf") "<part2@x>" "The report" "BASE64" 4) "MIXED")
            """)
    }

    @Test func rfc2231ParametersStayASCII() {
        let message = Message(crlf("""
        Content-Type: application/octet-stream;
         name*0*=utf-8''%E2%82%AC;
         name*1*=%20rates.txt
        Content-Disposition: attachment; filename*=iso-8859-1'fr'caf%E9.txt

        x
        """))
        #expect(bodyStructureText(message) == """
            ("APPLICATION" "OCTET-STREAM" ("NAME*" "utf-8''%E2%82%AC%20rates.txt") NIL NIL "7BIT" 1 NIL ("ATTACHMENT" ("FILENAME*" "utf-8'fr'caf%C3%A9.txt")) NIL NIL)
            """)
    }

    @Test func nestedMessageRFC822() {
        let message = Message(crlf("""
        From: outer@example.com
        Subject: outer
        Content-Type: multipart/mixed; boundary=b1

        --b1
        Content-Type: text/plain

        see attached
        --b1
        Content-Type: message/rfc822

        From: Inner <inner@example.org>
        Subject: inner
        Content-Type: multipart/alternative; boundary=b2

        --b2
        Content-Type: text/plain; charset=us-ascii

        plain
        --b2
        Content-Type: text/html; charset=us-ascii

        <b>html</b>
        --b2--

        --b1--
        """))
        let inner = "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 232 (NIL \"inner\" ((\"Inner\" NIL \"inner\" \"example.org\")) ((\"Inner\" NIL \"inner\" \"example.org\")) ((\"Inner\" NIL \"inner\" \"example.org\")) NIL NIL NIL NIL NIL) "
            + "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 5 0 NIL NIL NIL NIL)(\"TEXT\" \"HTML\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 11 0 NIL NIL NIL NIL) \"ALTERNATIVE\" (\"BOUNDARY\" \"b2\") NIL NIL NIL) 13 NIL NIL NIL NIL)"
        #expect(bodyStructureText(message) == "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 12 0 NIL NIL NIL NIL)" + inner + " \"MIXED\" (\"BOUNDARY\" \"b1\") NIL NIL NIL)")
    }

    @Test func multipartWithoutBoundaryHoldsOneTextPart() {
        let message = Message(crlf("Content-Type: multipart/mixed\n\nno parts here\n"))
        #expect(bodyStructureText(message) == "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 15 1 NIL NIL NIL NIL) \"MIXED\" NIL NIL NIL NIL)")
    }

    @Test func digestDefaultsToMessageRFC822() {
        let message = Message(crlf("""
        Content-Type: multipart/digest; boundary=d

        --d

        Subject: one

        first
        --d--
        """))
        #expect(bodyStructureText(message, extended: false)
                == "((\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 21 (NIL \"one\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 5 0) 2) \"DIGEST\")")
    }

    @Test func deliveryStatusIsALeaf() {
        let message = Message(crlf("""
        Content-Type: multipart/report; report-type=delivery-status; boundary=r

        --r
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.com

        Final-Recipient: rfc822; a@b.c
        --r--
        """))
        #expect(bodyStructureText(message, extended: false)
                == "((\"MESSAGE\" \"DELIVERY-STATUS\" NIL NIL NIL \"7BIT\" 68) \"REPORT\")")
    }

    @Test func deepNestingStaysBounded() {
        var text = ""
        for i in 0..<200 { text += "Content-Type: multipart/mixed; boundary=b\(i)\r\n\r\n--b\(i)\r\n" }
        text += "\r\ninner\r\n"
        let message = Message(text)
        let encoded = bodyStructureText(message)
        #expect(encoded.hasPrefix("(((("))
        #expect(encoded.count < 100_000)
    }
}

@Suite struct OldAddressFormTests {
    @Test func commentNamesAndMissingDomains() {
        let message = Message(crlf("""
        From: bbb@ddd.com (John X. Doe)
        Sender: MAILER-DAEMON
        Reply-To: "Moderator" <moderator>
        To: Team: a@x.org (Alice), b@x.org; c@y.org (Carol (the boss))
        Cc: <only@angle.org> (not a name)

        x
        """))
        #expect(envelopeText(message) == """
            (NIL NIL (("John X. Doe" NIL "bbb" "ddd.com")) ((NIL NIL "MAILER-DAEMON" "MISSING_DOMAIN")) (("Moderator" NIL "moderator" "MISSING_DOMAIN")) \
            ((NIL NIL "Team" NIL)("Alice" NIL "a" "x.org")(NIL NIL "b" "x.org")(NIL NIL NIL NIL)("Carol (the boss)" NIL "c" "y.org")) \
            ((NIL NIL "only" "angle.org")) NIL NIL NIL)
            """)
    }

    @Test func splitterRespectsQuotesCommentsAndAngles() {
        let pieces = IMAPAddressListReader.split(Array("\"a, b\" <x@y>, (c, d) e@f, <@r1,@r2:g@h>, G: i@j;".utf8))
        #expect(pieces.count == 6)
        #expect(pieces[0] == .element(Array("\"a, b\" <x@y>".utf8)))
        #expect(pieces[2] == .element(Array(" <@r1,@r2:g@h>".utf8)))
        #expect(pieces[3] == .groupStart(Array(" G".utf8)))
        #expect(pieces[4] == .element(Array(" i@j".utf8)))
        #expect(pieces[5] == .groupEnd)
    }
}
