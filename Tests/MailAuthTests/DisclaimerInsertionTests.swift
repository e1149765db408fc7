import Foundation
import MailCore
import Testing
@testable import MailAuth

@Suite struct DisclaimerInsertionTests {
    static let markdown = "**Confidential.** See [terms](https://example.com/terms)."
    static let inserter = DisclaimerInserter(markdown: markdown)
    static let plain = "Confidential. See terms <https://example.com/terms>."
    static let html = "<div class=\"disclaimer\">\r\n<p><strong>Confidential.</strong> See <a href=\"https://example.com/terms\">terms</a>.</p>\r\n</div>\r\n"

    static func apply(_ message: [UInt8], _ inserter: DisclaimerInserter = inserter) throws -> (bytes: [UInt8], parts: [String]) {
        guard case .inserted(let bytes, let parts) = inserter.apply(to: message) else {
            Issue.record("left unchanged: \(inserter.apply(to: message))")
            throw CancellationError()
        }
        return (bytes, parts)
    }

    static func reason(_ message: [UInt8]) -> DisclaimerSkipReason? {
        if case .unchanged(let reason) = inserter.apply(to: message) { return reason }
        return nil
    }

    @Test func plainTextMessage() throws {
        let message = Fixtures.crlf("From: a@example.com\nSubject: hi\n\nHello,\nbye\n")
        let (out, parts) = try Self.apply(message)
        #expect(parts == ["1"])
        #expect(Fixtures.string(out) == Fixtures.string(message) + "\r\n" + Self.plain + "\r\n")
    }

    @Test func bodyWithoutFinalLineBreakAndEmptyBody() throws {
        let (noBreak, _) = try Self.apply(Fixtures.crlf("Subject: x\n\nHello"))
        #expect(Fixtures.string(noBreak) == "Subject: x\r\n\r\nHello\r\n\r\n" + Self.plain)
        let (empty, _) = try Self.apply(Fixtures.crlf("Subject: x\n\n"))
        #expect(Fixtures.string(empty) == "Subject: x\r\n\r\n" + Self.plain)
        let (headerOnly, _) = try Self.apply(Fixtures.crlf("Subject: x\n"))
        #expect(Fixtures.string(headerOnly) == "Subject: x\r\n\r\n" + Self.plain)
    }

    @Test func htmlMessageGetsTheFragmentBeforeBody() throws {
        let message = Fixtures.crlf("Content-Type: text/html; charset=utf-8\n\n<html><body><p>Hi</p>\n</BODY></html>\n")
        let (out, _) = try Self.apply(message)
        #expect(Fixtures.string(out) == "Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Hi</p>\r\n" + Self.html + "</BODY></html>\r\n")
        let (bare, _) = try Self.apply(Fixtures.crlf("Content-Type: text/html\n\n<p>no body tag</p>"))
        #expect(Fixtures.string(bare).hasSuffix("<p>no body tag</p>\r\n" + Self.html))
    }

    static let alternative = """
        From: a@example.com
        MIME-Version: 1.0
        Content-Type: multipart/alternative; boundary="alt"

        preamble
        --alt
        Content-Type: text/plain; charset=us-ascii

        Plain body.
        --alt
        Content-Type: text/html; charset=us-ascii

        <html><body>HTML body.</body></html>
        --alt--
        epilogue

        """

    @Test func alternativeGetsBothParts() throws {
        let message = Fixtures.crlf(Self.alternative)
        let (out, parts) = try Self.apply(message)
        #expect(parts == ["1", "2"])
        let parsed = Message(bytes: out)
        #expect(parsed.part(numbered: "1")?.decodedText() == "Plain body.\r\n\r\n" + Self.plain)
        #expect(parsed.part(numbered: "2")?.decodedText() == "<html><body>HTML body.\r\n" + Self.html + "</body></html>")
        // Everything else is byte for byte the same.
        let expected = Fixtures.string(message)
            .replacingOccurrences(of: "Plain body.", with: "Plain body.\r\n\r\n" + Self.plain)
            .replacingOccurrences(of: "HTML body.", with: "HTML body.\r\n" + Self.html)
        #expect(Fixtures.string(out) == expected)
    }

    @Test func enrichedAlternativeIsExtendedToo() throws {
        let message = Fixtures.crlf("""
            Content-Type: multipart/alternative; boundary=a

            --a
            Content-Type: text/plain

            Hi
            --a
            Content-Type: text/enriched

            <bold>Hi</bold>
            --a--

            """)
        let (out, parts) = try Self.apply(message, DisclaimerInserter(markdown: "a < b\nline two"))
        #expect(parts == ["1", "2"])
        #expect(Message(bytes: out).part(numbered: "2")?.decodedText() == "<bold>Hi</bold>\r\n\r\n\r\na << b\r\n\r\nline two")
    }

    @Test func mixedWithAttachmentChangesOnlyTheBody() throws {
        let attachment = "Content-Type: text/plain; name=\"notes.txt\"\nContent-Disposition: attachment; filename=\"notes.txt\"\n\nattached text\n"
        let message = Fixtures.crlf("""
            Subject: report
            Content-Type: multipart/mixed; boundary=mix

            --mix
            Content-Type: text/plain

            See attachment.
            --mix
            \(attachment)--mix
            Content-Type: application/pdf
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --mix--

            """)
        let (out, parts) = try Self.apply(message)
        #expect(parts == ["1"])
        let text = Fixtures.string(out)
        #expect(text == Fixtures.string(message).replacingOccurrences(of: "See attachment.", with: "See attachment.\r\n\r\n" + Self.plain))
    }

    @Test func nestedMixedAlternativeRelated() throws {
        let message = Fixtures.crlf("""
            Content-Type: multipart/mixed; boundary=outer

            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner
            Content-Type: text/plain; charset=utf-8

            Plain
            --inner
            Content-Type: multipart/related; boundary=rel; type="text/html"

            --rel
            Content-Type: text/html; charset=utf-8

            <body>Rich<img src="cid:logo"></body>
            --rel
            Content-Type: image/png
            Content-ID: <logo>
            Content-Transfer-Encoding: base64

            iVBORw0KGgo=
            --rel--
            --inner--
            --outer
            Content-Type: text/plain
            Content-Disposition: attachment; filename=a.txt

            attachment
            --outer--

            """)
        let (out, parts) = try Self.apply(message)
        #expect(parts == ["1.1", "1.2.1"])
        let parsed = Message(bytes: out)
        #expect(parsed.part(numbered: "1.1")?.decodedText().hasSuffix(Self.plain) == true)
        #expect(parsed.part(numbered: "1.2.1")?.decodedText().contains(Self.html + "</body>") == true)
        #expect(parsed.part(numbered: "1.2.2")?.decodedBody() == Array(Data(base64Encoded: "iVBORw0KGgo=")!))
        #expect(parsed.part(numbered: "2")?.decodedText() == "attachment")
    }

    @Test func quotedPrintableBodyIsReencoded() throws {
        let message = Fixtures.crlf("""
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            Gr=C3=BC=C3=9Fe, a long line that was soft-broken by the sender's mail clie=
            nt.

            """)
        let inserter = DisclaimerInserter(markdown: "Vertraulich — nur für Empfänger.")
        let (out, _) = try Self.apply(message, inserter)
        let part = Message(bytes: out).root
        #expect(part.transferEncoding == .quotedPrintable)
        #expect(part.decodedText() == "Grüße, a long line that was soft-broken by the sender's mail client.\r\n\r\nVertraulich — nur für Empfänger.\r\n")
        #expect(Fixtures.string(out).contains("Vertraulich =E2=80=94 nur f=C3=BCr Empf=C3=A4nger."))
        #expect(out.allSatisfy { $0 < 0x80 })
    }

    @Test func base64BodyIsReencoded() throws {
        let text = "Ciao!\r\nQuesto è il corpo.\r\n"
        let encoded = Fixtures.string(Base64Codec.encode(Array(text.utf8)))
        let message = Fixtures.crlf("Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n\(encoded)\n")
        let (out, _) = try Self.apply(message)
        let part = Message(bytes: out).root
        #expect(part.transferEncoding == .base64)
        #expect(part.decodedText() == text + "\r\n" + Self.plain + "\r\n")
        #expect(Fixtures.string(out).hasSuffix("\r\n") && !Fixtures.string(out).hasSuffix("\r\n\r\n"))
    }

    @Test func latin1BodyKeepsItsCharsetWhenItCan() throws {
        let body: [UInt8] = Array("Caf".utf8) + [0xE9] + Array("\r\n".utf8)
        let message = Fixtures.crlf("Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n") + body
        let (out, _) = try Self.apply(message, DisclaimerInserter(markdown: "Réservé."))
        // Still Latin-1: "é" is the single byte E9.
        #expect(out == message + [0x0D, 0x0A] + Array("R".utf8) + [0xE9] + Array("serv".utf8) + [0xE9] + Array(".\r\n".utf8))
    }

    @Test func latin1BodyIsConvertedToUTF8WhenTheDisclaimerNeedsIt() throws {
        let body: [UInt8] = Array("Caf".utf8) + [0xE9] + Array("\r\n".utf8)
        let message = Fixtures.crlf("Content-Type: text/plain; charset=\"ISO-8859-1\"; format=flowed\nContent-Transfer-Encoding: 8bit\n\n") + body
        let (out, _) = try Self.apply(message, DisclaimerInserter(markdown: "© 2025 — 株式会社"))
        let part = Message(bytes: out).root
        #expect(part.charset == "utf-8")
        #expect(part.contentType.parameters["format"] == "flowed")
        #expect(part.decodedText() == "Café\r\n\r\n© 2025 — 株式会社\r\n")
        #expect(Fixtures.string(out).hasPrefix("Content-Type: text/plain; charset=utf-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"))
    }

    @Test func sevenBitASCIIBodyBecomesQuotedPrintableUTF8() throws {
        let message = Fixtures.crlf("From: a@example.com\nSubject: plain\n\nHello\n")
        let (out, _) = try Self.apply(message, DisclaimerInserter(markdown: "Grüße"))
        let text = Fixtures.string(out)
        #expect(text.hasPrefix("From: a@example.com\r\nSubject: plain\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"))
        #expect(Message(bytes: out).root.decodedText() == "Hello\r\n\r\nGrüße\r\n")
    }

    @Test func htmlInAnyCharsetGetsAnASCIIFragment() throws {
        let message = Fixtures.crlf("Content-Type: text/html; charset=windows-1252\nContent-Transfer-Encoding: 8bit\n\n<body>x</body>\n")
        let (out, _) = try Self.apply(message, DisclaimerInserter(markdown: "Grüße"))
        #expect(Fixtures.string(out).contains("<p>Gr&#xFC;&#xDF;e</p>"))
        #expect(Message(bytes: out).root.charset == "windows-1252")
    }

    @Test func unknownCharsetWithNonASCIIDisclaimerIsLeftAlone() {
        let message = Fixtures.crlf("Content-Type: text/plain; charset=x-unknown\n\nbody\n")
        guard case .unchanged(let reason) = DisclaimerInserter(markdown: "Grüße").apply(to: message) else {
            Issue.record("should be unchanged")
            return
        }
        #expect(reason == .unsupportedCharset("x-unknown"))
    }

    @Test func bareLineFeedMessageStaysLF() throws {
        let message = Fixtures.bytes(Self.alternative)
        let (out, _) = try Self.apply(message)
        #expect(!out.contains(0x0D))
        #expect(Fixtures.string(out).contains("Plain body.\n\n" + Self.plain + "\n--alt"))
    }

    @Test(arguments: [
        ("Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; boundary=s\n\n--s\n\nx\n--s--\n",
         DisclaimerSkipReason.signed("multipart/signed")),
        ("Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=e\n\n--e\n\nx\n--e--\n",
         .encrypted("multipart/encrypted")),
        ("Content-Type: application/pkcs7-mime; smime-type=enveloped-data\nContent-Transfer-Encoding: base64\n\nMIAG\n",
         .encrypted("application/pkcs7-mime")),
        ("Content-Type: application/x-pkcs7-mime; smime-type=signed-data\n\nMIAG\n", .signed("application/x-pkcs7-mime")),
        ("Content-Type: text/plain\n\n-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nhi\n", .inlinePGP),
        ("Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\nLS0tLS1CRUdJTiBQR1AgTUVTU0FHRS0tLS0tCg==\n", .inlinePGP),
        ("DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=x; h=from; bh=x; b=x\nFrom: a@example.com\n\nhi\n", .dkimSigned),
        ("Content-Type: image/png\n\nxx\n", .noTextBody),
        ("Content-Type: multipart/mixed; boundary=m\n\n--m\nContent-Type: text/plain\nContent-Disposition: attachment\n\nx\n--m--\n", .noTextBody),
        ("Content-Type: text/plain\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 a\n", .unsupportedTransferEncoding("x-uuencode")),
    ])
    func refusals(message: String, expected: DisclaimerSkipReason) {
        #expect(Self.reason(Fixtures.crlf(message)) == expected)
    }

    @Test func signedPartNestedInMixedIsRefused() {
        let message = Fixtures.crlf("""
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: multipart/signed; boundary=s; protocol="application/pkcs7-signature"

            --s
            Content-Type: text/plain

            signed text
            --s--
            --m--

            """)
        #expect(Self.reason(message) == .signed("multipart/signed"))
    }

    @Test func forwardedSignedMessageDoesNotBlockTheOuterBody() throws {
        let message = Fixtures.crlf("""
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: text/plain

            FYI
            --m
            Content-Type: message/rfc822

            Content-Type: multipart/signed; boundary=s

            --s

            inner
            --s--
            --m--

            """)
        #expect(try Self.apply(message).parts == ["1"])
    }

    @Test func emptyDisclaimer() {
        #expect(DisclaimerInserter(markdown: " \n\n ").apply(to: Fixtures.crlf("Subject: x\n\nbody\n")) == .unchanged(.emptyDisclaimer))
    }
}
