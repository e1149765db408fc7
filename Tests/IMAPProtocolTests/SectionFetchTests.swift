import MailCore
import Testing
@testable import IMAPProtocol

private func text(_ slice: ArraySlice<UInt8>?) -> String? { slice.map { String(decoding: $0, as: UTF8.self) } }

/// A message with every kind of part: text, nested multipart, message/rfc822 (itself
/// multipart), base64 and quoted-printable leaves.
private let complexMessage = crlf("""
From: a@example.com
Subject: sections
Content-Type: multipart/mixed; boundary=outer

--outer
Content-Type: text/plain

part one
--outer
Content-Type: multipart/alternative; boundary=alt

--alt
Content-Type: text/plain
Content-Transfer-Encoding: quoted-printable

caf=C3=A9 =
soft
--alt
Content-Type: application/octet-stream
Content-Transfer-Encoding: base64

AGEAYg==
--alt--
--outer
Content-Type: message/rfc822

From: inner@example.org
Subject: inner

--in
not a delimiter of anything
--outer
Content-Type: message/rfc822

From: b@example.org
Subject: nested multipart
Content-Type: multipart/mixed; boundary=nm

--nm
Content-Type: text/plain

nested one
--nm
Content-Type: text/plain
Content-Transfer-Encoding: x-gzip64

H4sI
--nm--
--outer--
""")

@Suite struct SectionFetchTests {
    let sections = IMAPMessageSections(message: Message(complexMessage))

    @Test func wholeMessageHeaderAndText() {
        #expect(text(sections.body(.whole)) == complexMessage)
        #expect(text(sections.body(IMAPSection(text: .header))) == crlf("From: a@example.com\nSubject: sections\nContent-Type: multipart/mixed; boundary=outer\n\n"))
        #expect(text(sections.body(IMAPSection(text: .text)))?.hasPrefix(crlf("--outer\nContent-Type: text/plain\n")) == true)
        #expect(text(sections.header) == text(sections.body(IMAPSection(text: .header))))
        #expect(sections.body(IMAPSection(text: .mime)) == nil)
    }

    @Test func partsAndMIMEHeaders() {
        #expect(text(sections.body(IMAPSection(part: [1]))) == "part one")
        #expect(text(sections.body(IMAPSection(part: [1], text: .mime))) == crlf("Content-Type: text/plain\n\n"))
        #expect(text(sections.body(IMAPSection(part: [2, 1]))) == crlf("caf=C3=A9 =\nsoft"))
        #expect(text(sections.body(IMAPSection(part: [2, 2]))) == "AGEAYg==")
        #expect(text(sections.body(IMAPSection(part: [2])))?.hasPrefix(crlf("--alt\n")) == true)
        #expect(text(sections.body(IMAPSection(part: [2], text: .mime))) == crlf("Content-Type: multipart/alternative; boundary=alt\n\n"))
        #expect(sections.body(IMAPSection(part: [5])) == nil)
        #expect(sections.body(IMAPSection(part: [1, 1])) == nil)
        #expect(sections.body(IMAPSection(part: [2, 3])) == nil)
    }

    @Test func messageRFC822Rules() {
        // BODY[3] is the whole encapsulated message; 3.HEADER / 3.TEXT its header and
        // text; its own body is part 3.1 since it is not multipart.
        #expect(text(sections.body(IMAPSection(part: [3])))?.hasPrefix("From: inner@example.org") == true)
        #expect(text(sections.body(IMAPSection(part: [3], text: .header))) == crlf("From: inner@example.org\nSubject: inner\n\n"))
        #expect(text(sections.body(IMAPSection(part: [3], text: .text))) == crlf("--in\nnot a delimiter of anything"))
        #expect(text(sections.body(IMAPSection(part: [3, 1]))) == text(sections.body(IMAPSection(part: [3], text: .text))))
        #expect(text(sections.body(IMAPSection(part: [3], text: .mime))) == crlf("Content-Type: message/rfc822\n\n"))
        #expect(sections.body(IMAPSection(part: [3, 2])) == nil)
        // Section 4 encapsulates a multipart message: 4.1 and 4.2 are its parts.
        #expect(text(sections.body(IMAPSection(part: [4, 1]))) == "nested one")
        #expect(text(sections.body(IMAPSection(part: [4, 1], text: .mime))) == crlf("Content-Type: text/plain\n\n"))
        #expect(text(sections.body(IMAPSection(part: [4], text: .headerFields(["subject"])))) == crlf("Subject: nested multipart\n\n"))
        // HEADER and TEXT need a message/rfc822 part.
        #expect(sections.body(IMAPSection(part: [1], text: .header)) == nil)
        #expect(sections.body(IMAPSection(part: [2, 1], text: .text)) == nil)
    }

    @Test func headerFields() {
        let message = IMAPMessageSections(message: Message(crlf("From: x@y\nTo: a@b,\n c@d\nReceived: one\nreceived: two\nSubject: s\n\nbody\n")))
        #expect(text(message.body(IMAPSection(text: .headerFields(["TO", "Received"])))) == crlf("To: a@b,\n c@d\nReceived: one\nreceived: two\n\n"))
        #expect(text(message.body(IMAPSection(text: .headerFieldsNot(["received", "to"])))) == crlf("From: x@y\nSubject: s\n\n"))
        #expect(text(message.body(IMAPSection(text: .headerFields(["X-None"])))) == "\r\n")
        let noBreak = IMAPMessageSections(message: Message("Subject: last"))
        #expect(text(noBreak.body(IMAPSection(text: .headerFields(["Subject"])))) == "Subject: last\r\n\r\n")
    }

    @Test func singlePartMessageHasPartOne() {
        let message = IMAPMessageSections(message: Message(crlf("Subject: one\n\nJust text\n")))
        #expect(text(message.body(IMAPSection(part: [1]))) == crlf("Just text\n"))
        #expect(message.body(IMAPSection(part: [2])) == nil)
        #expect(message.body(IMAPSection(part: [1, 1])) == nil)
        #expect(message.body(IMAPSection(part: [1], text: .header)) == nil)
    }

    @Test func multipartWithoutPartsExposesItsBodyAsPartOne() {
        let message = IMAPMessageSections(message: Message(crlf("Content-Type: multipart/mixed\n\nno parts\n")))
        #expect(text(message.body(IMAPSection(part: [1]))) == crlf("no parts\n"))
        #expect(text(message.body(IMAPSection(part: [1], text: .mime))) == "")
        #expect(message.body(IMAPSection(part: [2])) == nil)
    }

    @Test func binaryDecoding() throws {
        #expect(sections.binary(part: [2, 1]) == .success(Array("café soft".utf8)[...]))
        #expect(sections.binary(part: [2, 2]) == .success([0, 0x61, 0, 0x62][...]))
        #expect(sections.binarySize(part: [2, 2]) == .success(4))
        #expect(sections.binary(part: [1]) == .success(Array("part one".utf8)[...]))
        #expect(sections.binary(part: [4, 2]) == .failure(.unknownTransferEncoding("x-gzip64")))
        #expect(sections.binary(part: [9]) == .failure(.noSuchPart))
        #expect(try sections.binary(part: []).get().count == complexMessage.utf8.count)
    }

    @Test func slicesShareTheMessageBuffer() {
        let big = "Subject: big\r\n\r\n" + String(repeating: "0123456789", count: 100_000)
        let message = IMAPMessageSections(message: Message(big))
        let body = message.body(IMAPSection(text: .text))
        #expect(body?.count == 1_000_000)
        #expect(body?.startIndex == 16)
    }

    @Test func fetchResponderBuildsItemsInOrder() throws {
        let date = IMAPDateTime(secondsSince1970: 0)
        let attributes = IMAPMessageAttributes(uid: 7, flags: [.seen], internalDate: date, size: 123, modSeq: 9)
        let items = try IMAPFetchResponder.items(
            for: [.uid, .flags, .rfc822Size, .modSeq, .bodySection(IMAPSection(part: [1]), partial: IMAPPartial(offset: 2, length: 3), peek: true),
                  .binarySize(part: [2, 2]), .bodySection(IMAPSection(part: [8]), partial: nil, peek: false)],
            message: attributes, sections: sections)
        #expect(items == [.uid(7), .flags([.seen]), .rfc822Size(123), .modSeq(9),
                          .bodySection(IMAPSection(part: [1]), origin: 2, data: Array("rt ".utf8)[...]),
                          .binarySize(part: [2, 2], 4), .bodySection(IMAPSection(part: [8]), origin: nil, data: nil)])
        #expect(throws: IMAPFetchResponder.Failure.unknownTransferEncoding(part: [4, 2], encoding: "x-gzip64")) {
            try IMAPFetchResponder.items(for: [.binary(part: [4, 2], partial: nil, peek: true)], message: attributes, sections: sections)
        }
        #expect(throws: IMAPFetchResponder.Failure.contentRequired) {
            try IMAPFetchResponder.items(for: [.envelope], message: attributes, sections: nil)
        }
        let partialBeyond = try IMAPFetchResponder.items(for: [.bodySection(.whole, partial: IMAPPartial(offset: 1_000_000, length: 10), peek: true)],
                                                         message: attributes, sections: sections)
        #expect(partialBeyond == [.bodySection(.whole, origin: 1_000_000, data: [][...])])
        let cached = try IMAPFetchResponder.items(for: [.envelope], message: attributes, sections: nil, cachedEnvelope: Array("(x)".utf8))
        #expect(cached == [.preEncoded(name: "ENVELOPE", value: Array("(x)".utf8))])
        #expect(IMAPFetchResponder.Failure.unknownTransferEncoding(part: [4, 2], encoding: "x-gzip64").response(tag: "t")
                == .tagged("t", .no, code: .unknownCTE, text: "Part 4.2 has an unknown transfer encoding (x-gzip64)"))
    }
}
