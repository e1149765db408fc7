import Foundation
import Testing
@testable import MailCore

@Suite struct MIMEBuilderTests {
    private func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
    }

    private func mailbox(_ name: String?, _ address: String) throws -> NamedMailbox {
        NamedMailbox(displayName: name, address: try EmailAddress.parse(address))
    }

    @Test func roundTripsThroughTheParser() throws {
        let subject = "Zustellung fehlgeschlagen: Grüße aus Köln — 日本語のテキスト, with a long tail of words to fold"
        let text = "Hello Jörg,\nyour message could not be delivered.\n\nTrailing spaces stay  \nlast line"
        let html = "<p>caf\u{E9}</p>"
        let pdf: [UInt8] = (0..<300).map { UInt8(($0 * 7) % 256) }
        let original = Array("Subject: original\r\nFrom: a@example.org\r\n\r\nbody\r\n".utf8)
        var builder = MessageBuilder(body: .multipart("mixed", [
            .multipart("alternative", [.text(text), .text(html, subtype: "html")]),
            .attachment(pdf, type: "application", subtype: "pdf", filename: "Bericht über 2024 — sehr langer Dateiname, der fortgesetzt werden muss.pdf"),
            .message(original),
        ]))
        builder.addAddressHeader("From", [try mailbox("Mail Delivery Sübsystem", "mailer-daemon@example.org")])
        builder.addAddressHeader("To", [try mailbox("Smith, John", "john@example.net"), try mailbox(nil, "x@example.net")])
        builder.addHeader("Subject", subject)
        builder.setDate(Date(timeIntervalSince1970: 1_700_000_000), timeZone: TimeZone(secondsFromGMT: 3600)!)
        let id = builder.setMessageID(domain: "example.org")
        let bytes = builder.build()

        // Every line ends with CRLF and header lines stay within 78 characters.
        #expect(!String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let headerLines = lines(bytes).prefix { !$0.isEmpty }
        #expect(headerLines.allSatisfy { $0.utf8.count <= 78 })

        let m = Message(bytes: bytes)
        #expect(m.subject == subject)
        #expect(m.messageID == id)
        #expect(m.date == "Tue, 14 Nov 2023 23:13:20 +0100")
        #expect(m.from.map(\.address.description) == ["mailer-daemon@example.org"])
        #expect(m.to.map(\.address.description) == ["john@example.net", "x@example.net"])
        #expect(EncodedWordDecoder.decodeUnstructured(m.from.first?.displayName ?? "") == "Mail Delivery Sübsystem")
        #expect(m.header.value(of: "MIME-Version") == "1.0")

        let parts = m.allParts
        #expect(parts.map(\.mimeType) == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html",
                                          "application/pdf", "message/rfc822", "text/plain"])
        #expect(parts.allSatisfy { $0.defects.isEmpty })
        #expect(parts[2].decodedText() == text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
        #expect(parts[2].charset == "utf-8")
        #expect(parts[3].decodedText() == html + "\r\n")
        #expect(parts[4].decodedBody() == pdf)
        #expect(parts[4].transferEncoding == .base64)
        #expect(parts[4].filename == "Bericht über 2024 — sehr langer Dateiname, der fortgesetzt werden muss.pdf")
        #expect(parts[4].contentDisposition?.kind == .attachment)
        #expect(Array(parts[5].bodyBytes) == original)
        #expect(parts[6].isMessage)
        #expect(m.part(numbered: "3")?.encapsulatedMessage?.subject == "original")
    }

    @Test func singlePartTextMessage() {
        var builder = MessageBuilder(body: .text("plain ascii\nsecond"))
        builder.addHeader("Subject", "plain")
        let bytes = builder.build()
        #expect(String(decoding: bytes, as: UTF8.self) == """
            Subject: plain\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            plain ascii\r
            second\r

            """)
        #expect(Message(bytes: bytes).root.decodedText() == "plain ascii\r\nsecond\r\n")
    }

    @Test func chooseTransferEncodings() {
        let mostlyASCII = MessageBuilder.render(.text("Grüße aus Köln, alles gut hier"))
        #expect(String(decoding: mostlyASCII.header, as: UTF8.self).contains("Content-Transfer-Encoding: quoted-printable"))
        let cjk = MessageBuilder.render(.text("日本語のテキスト日本語のテキスト"))
        #expect(String(decoding: cjk.header, as: UTF8.self).contains("Content-Transfer-Encoding: base64"))
        let longLine = MessageBuilder.render(.text(String(repeating: "a", count: 1200)))
        #expect(String(decoding: longLine.header, as: UTF8.self).contains("quoted-printable"))
    }

    @Test func reportWithDeliveryStatus() {
        let status = MIMEBodyPart(contentType: ContentType(type: "message", subtype: "delivery-status"),
                                  payload: .bytes(Array("Reporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; a@b\r\nAction: failed\r\nStatus: 5.1.1\r\n".utf8)))
        let body = MIMEBodyPart.multipart("report", [.text("failed"), status], parameters: ["report-type": "delivery-status"])
        let m = Message(bytes: MessageBuilder(body: body).build())
        #expect(m.root.contentType.parameters["report-type"] == "delivery-status")
        #expect(m.allParts.map(\.mimeType) == ["multipart/report", "text/plain", "message/delivery-status"])
        #expect(m.root.children[1].decodedText().hasSuffix("Status: 5.1.1\r\n"))
    }

    @Test func headerFoldingKeepsTheValue() {
        let value = String(repeating: "word ", count: 40) + "end"
        let line = HeaderFieldWriter.unstructured("X-Long", value)
        #expect(lines(line).dropLast().allSatisfy { $0.utf8.count <= 78 })
        #expect(Message(bytes: line + [13, 10]).header.value(of: "X-Long") == value)
        // Injection attempt: line breaks in a value never start a new field.
        let injected = HeaderFieldWriter.unstructured("Subject", "hi\r\nBcc: victim@example.org")
        #expect(Message(bytes: injected + [13, 10]).header.first(named: "Bcc") == nil)
        // ASCII that looks like an encoded word is encoded so it reads back literally.
        let tricky = HeaderFieldWriter.unstructured("Subject", "=?utf-8?q?x?=")
        #expect(Message(bytes: tricky + [13, 10]).subject == "=?utf-8?q?x?=")
    }

    @Test func parameterRendering() {
        #expect(MIMEParameterWriter.render("charset", "utf-8") == "charset=utf-8")
        #expect(MIMEParameterWriter.render("filename", "a b.txt") == "filename=\"a b.txt\"")
        #expect(MIMEParameterWriter.render("filename", "é.txt") == "filename*=utf-8''%C3%A9.txt")
    }

    @Test func dateFormat() {
        #expect(RFC5322DateFormat.string(from: Date(timeIntervalSince1970: 0), timeZone: TimeZone(secondsFromGMT: 0)!)
                == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(RFC5322DateFormat.string(from: Date(timeIntervalSince1970: 0), timeZone: TimeZone(secondsFromGMT: -(3 * 3600 + 1800))!)
                == "Wed, 31 Dec 1969 20:30:00 -0330")
    }
}
