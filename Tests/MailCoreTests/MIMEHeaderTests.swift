import Testing
@testable import MailCore

@Suite struct MIMEHeaderTests {
    @Test func unfoldsCRLFAndLFFoldsKeepingTheWhitespace() {
        let m = Message("Subject: first\r\n second\r\n\tthird\r\nX-A: one\n  two\n\nbody")
        #expect(m.header.value(of: "subject") == "first second\tthird")
        #expect(m.header.value(of: "X-A") == "one  two")
        #expect(m.header.first(named: "Subject")?.rawValue == Array(" first\r\n second\r\n\tthird".utf8))
    }

    @Test func acceptsObsoleteSyntax() {
        // RFC 5322 §4.2: a continuation line made only of white space; no space after
        // the colon; an empty first line.
        let m = Message("Subject:no-space\nX-Empty:\n  later\nX-Blank: a\n   \n b\nX-Obs \t: spaced\n\nbody")
        #expect(m.header.value(of: "Subject") == "no-space")
        #expect(m.header.value(of: "X-Empty") == "  later")
        #expect(m.header.value(of: "X-Blank") == "a    b")
        // §4.5.3 obs-optional: white space between the name and the colon.
        #expect(m.header.first(named: "X-Obs")?.name == "X-Obs")
        #expect(m.header.value(of: "x-obs") == "spaced")
        #expect(m.root.bodyBytes.elementsEqual("body".utf8))
    }

    @Test func looksUpNamesCaseInsensitively() {
        let m = Message("Received: a\nRECEIVED: b\nreceived: c\nSubject: s\n\n")
        #expect(m.header.all(named: "Received").map(\.unfoldedValue) == ["a", "b", "c"])
        #expect(m.header.first(named: "received")?.unfoldedValue == "a")
        #expect(m.header.first(named: "X-Missing") == nil)
    }

    @Test func decodesTheSubject() {
        let m = Message("Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?= =?utf-8?q?_und_mehr?=\r\n\r\n")
        #expect(m.subject == "Grüße und mehr")
    }

    @Test func readsRawUTF8Headers() {
        // RFC 6532: UTF-8 in header fields.
        let m = Message(bytes: Array("Subject: Grüße\r\n\r\n".utf8))
        #expect(m.subject == "Grüße")
        let broken = Message(bytes: Array("Subject: Gr".utf8) + [0xFC] + Array("ße\r\n\r\n".utf8))
        #expect(broken.subject == "Gr\u{FFFD}ße")
    }

    @Test func skipsTheMboxEnvelopeLine() {
        let m = Message("From alice@example.org Mon Jan  1 00:00:00 2024\nSubject: hi\n\nbody\n")
        #expect(m.header.count == 1)
        #expect(m.subject == "hi")
    }

    @Test func aNonHeaderLineStartsTheBody() {
        let text = "Subject: hi\nThis is not a header\nmore\n"
        let m = Message(text)
        #expect(m.subject == "hi")
        #expect(m.root.defects.contains(.missingHeaderBodySeparator))
        #expect(String(decoding: m.root.bodyBytes, as: UTF8.self) == "This is not a header\nmore\n")
        #expect(String(decoding: m.root.headerBytes, as: UTF8.self) == "Subject: hi\n")
    }

    @Test func headerOnlyMessage() {
        let m = Message("Subject: only\r\n")
        #expect(m.subject == "only")
        #expect(m.headerRange == 0..<15)
        #expect(m.bodyRange == 15..<15)
    }

    @Test func fieldRangesCoverTheirLines() {
        let text = "A: 1\r\nB: 2\r\n 3\r\n\r\n"
        let m = Message(text)
        let b = m.header.first(named: "b")!
        #expect(String(decoding: m.bytes[b.range], as: UTF8.self) == "B: 2\r\n 3\r\n")
    }

    @Test func exposesDateMessageIDAndAddresses() {
        let m = Message("From: Alice <alice@example.org>\nTo: bob@example.org, carol@example.net\nDate:  Mon, 1 Jan 2024 10:00:00 +0000 \nMessage-ID: <x@y>\n\n")
        #expect(m.from.map(\.address.description) == ["alice@example.org"])
        #expect(m.to.map(\.address.description) == ["bob@example.org", "carol@example.net"])
        #expect(m.date == "Mon, 1 Jan 2024 10:00:00 +0000")
        #expect(m.messageID == "<x@y>")
    }
}
