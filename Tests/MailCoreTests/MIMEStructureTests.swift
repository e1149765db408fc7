import Testing
@testable import MailCore

@Suite struct MIMEStructureTests {
    private func text(_ m: Message, _ r: Range<Int>) -> String { String(decoding: m.bytes[r], as: UTF8.self) }

    static let nested = [
        "Subject: nested",
        "Content-Type: multipart/mixed; boundary=\"outer\"",
        "",
        "preamble",
        "--outer",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "first body",
        "--outer",
        "Content-Type: multipart/alternative; boundary=inner",
        "",
        "--inner",
        "Content-Type: text/plain",
        "",
        "alt plain",
        "",
        "--inner",
        "Content-Type: text/html",
        "",
        "<p>alt html</p>",
        "--inner--",
        "inner epilogue",
        "--outer",
        "Content-Type: message/rfc822",
        "",
        "Subject: attached",
        "Content-Type: multipart/mixed; boundary=deep",
        "",
        "--deep",
        "",
        "deep text",
        "--deep--",
        "--outer--",
        "epilogue",
        "",
    ]

    @Test(arguments: ["\r\n", "\n"])
    func nestedMultipartRangesAreExact(lineBreak: String) throws {
        let m = Message(Self.nested.joined(separator: lineBreak))
        let nl = lineBreak
        let parts = m.allParts
        #expect(parts.map(\.partNumber) == ["", "1", "2", "2.1", "2.2", "3", "3", "3.1"])
        #expect(parts.map(\.mimeType) == ["multipart/mixed", "text/plain", "multipart/alternative", "text/plain",
                                          "text/html", "message/rfc822", "multipart/mixed", "text/plain"])

        #expect(text(m, m.headerRange) == "Subject: nested\(nl)Content-Type: multipart/mixed; boundary=\"outer\"\(nl)\(nl)")
        let p1 = parts[1]
        #expect(text(m, p1.headerRange) == "Content-Type: text/plain; charset=utf-8\(nl)\(nl)")
        // RFC 2046 §5.1.1: the line break before the delimiter belongs to the delimiter.
        #expect(text(m, p1.bodyRange) == "first body")
        let p2 = parts[2]
        #expect(text(m, p2.headerRange) == "Content-Type: multipart/alternative; boundary=inner\(nl)\(nl)")
        #expect(text(m, p2.bodyRange).hasPrefix("--inner\(nl)Content-Type: text/plain"))
        #expect(text(m, p2.bodyRange).hasSuffix("--inner--\(nl)inner epilogue"))
        #expect(text(m, parts[3].bodyRange) == "alt plain\(nl)")
        #expect(text(m, parts[4].headerRange) == "Content-Type: text/html\(nl)\(nl)")
        #expect(text(m, parts[4].bodyRange) == "<p>alt html</p>")

        let rfc822 = parts[5]
        let attached = parts[6]
        #expect(rfc822.encapsulatedMessage?.range == attached.range)
        #expect(text(m, rfc822.bodyRange) == text(m, attached.range))
        #expect(text(m, attached.headerRange) == "Subject: attached\(nl)Content-Type: multipart/mixed; boundary=deep\(nl)\(nl)")
        #expect(text(m, attached.bodyRange) == "--deep\(nl)\(nl)deep text\(nl)--deep--")
        #expect(attached.subject == "attached")
        #expect(parts[7].headerRange.count == nl.utf8.count)
        #expect(text(m, parts[7].bodyRange) == "deep text")
        #expect(m.root.defects.isEmpty)
    }

    @Test func imapPartNumbersResolve() throws {
        let m = Message(Self.nested.joined(separator: "\r\n"))
        #expect(m.part(numbered: "")?.mimeType == "multipart/mixed")
        #expect(m.part(numbered: "1")?.mimeType == "text/plain")
        #expect(m.part(numbered: "2.2")?.mimeType == "text/html")
        #expect(m.part(numbered: "3")?.mimeType == "message/rfc822")
        #expect(m.part(numbered: "3")?.encapsulatedMessage?.subject == "attached")
        #expect(m.part(numbered: "3.1")?.bodyBytes.elementsEqual("deep text".utf8) == true)
        #expect(m.part(numbered: "4") == nil)
        #expect(m.part(numbered: "1.1") == nil)
        #expect(m.part(numbered: "x") == nil)

        let single = Message("Subject: s\n\nbody")
        #expect(single.part(numbered: "1")?.bodyBytes.elementsEqual("body".utf8) == true)
        #expect(single.part(numbered: "2") == nil)
    }

    @Test func topLevelMessageRFC822() throws {
        let m = Message("Content-Type: message/rfc822\n\nSubject: inner\n\ninner body")
        let parts = m.allParts
        #expect(parts.map(\.partNumber) == ["", "1"])
        #expect(m.part(numbered: "1")?.encapsulatedMessage?.subject == "inner")
        #expect(m.part(numbered: "1.1")?.bodyBytes.elementsEqual("inner body".utf8) == true)
    }

    @Test func theLineBreakBeforeADelimiterIsNeverPartOfAnEntity() {
        // The blank line after "--b" is the CRLF of the next delimiter: the part is empty.
        let m = Message("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n--b\r\nX: 1\r\n--b--\r\n")
        let parts = m.root.children
        #expect(parts.count == 2)
        #expect(parts[0].range.isEmpty)
        #expect(parts[0].range.upperBound <= parts[1].range.lowerBound)
        #expect(String(decoding: parts[1].headerBytes, as: UTF8.self) == "X: 1")
        #expect(parts[1].header.first(named: "X")?.unfoldedValue == "1")
        #expect(parts[1].bodyRange.isEmpty)
    }

    @Test func missingFinalBoundary() throws {
        let m = Message("Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\nContent-Type: text/html\n\ntwo\n")
        #expect(m.root.children.count == 2)
        #expect(m.root.defects.contains(.missingCloseBoundary))
        #expect(String(decoding: m.root.children[1].bodyBytes, as: UTF8.self) == "two\n")
    }

    @Test func missingBoundaryParameterOrDelimiterLeavesALeaf() {
        let noParam = Message("Content-Type: multipart/mixed\n\n--b\n\none\n--b--\n")
        #expect(noParam.allParts.count == 1)
        #expect(noParam.root.defects.contains(.missingBoundary))
        let noLine = Message("Content-Type: multipart/mixed; boundary=zz\n\n--b\n\none\n--b--\n")
        #expect(noLine.allParts.count == 1)
        #expect(noLine.root.defects.contains(.missingStartBoundary))
    }

    @Test func delimitersNeedTheWholeLine() {
        let m = Message("Content-Type: multipart/mixed; boundary=b\n\n--b  \n\none\n--bx\n--b--x\n--b-- \t\nepilogue")
        #expect(m.root.children.count == 1)
        #expect(String(decoding: m.root.children[0].bodyBytes, as: UTF8.self) == "one\n--bx\n--b--x")
    }

    @Test func outerDelimiterEndsInnerParts() {
        // RFC 2046 §5.1.2: the inner multipart lacks its close delimiter.
        let m = Message("""
            Content-Type: multipart/mixed; boundary=out

            --out
            Content-Type: multipart/alternative; boundary=in

            --in

            inner
            --out
            Content-Type: text/html

            after
            --out--
            """)
        #expect(m.allParts.map(\.partNumber) == ["", "1", "1.1", "2"])
        #expect(m.root.children[0].defects.contains(.missingCloseBoundary))
        #expect(String(decoding: m.root.children[0].children[0].bodyBytes, as: UTF8.self) == "inner")
        #expect(String(decoding: m.root.children[1].bodyBytes, as: UTF8.self) == "after")
    }

    @Test func digestPartsDefaultToMessageRFC822() {
        let m = Message("Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nbody one\n--d\nContent-Type: text/plain\n\nnote\n--d--\n")
        #expect(m.allParts.map(\.mimeType) == ["multipart/digest", "message/rfc822", "text/plain", "text/plain"])
        #expect(m.root.children[0].encapsulatedMessage?.subject == "one")
        #expect(m.allParts.map(\.partNumber) == ["", "1", "1", "2"])
        #expect(m.part(numbered: "1.1")?.bodyBytes.elementsEqual("body one".utf8) == true)
    }

    @Test func invalidContentTypeIsTextPlain() {
        #expect(Message("Content-Type: garbage\n\nx").root.mimeType == "text/plain")
        #expect(Message("Content-Type: TEXT/HTML; charset=ISO-8859-1\n\nx").root.charset == "iso-8859-1")
    }

    @Test func deliveryStatusIsALeaf() {
        let m = Message("Content-Type: message/delivery-status\n\nReporting-MTA: dns; a\n\nFinal-Recipient: rfc822; b@c\n")
        #expect(m.allParts.count == 1)
    }

    private func nestedMultiparts(_ depth: Int) -> String {
        var s = ""
        for i in 0..<depth { s += "Content-Type: multipart/mixed; boundary=b\(i)\n\n--b\(i)\n" }
        s += "\nleaf\n"
        for i in (0..<depth).reversed() { s += "--b\(i)--\n" }
        return s
    }

    @Test func depthLimitKeepsDeepBodiesOpaque() {
        let m = Message(nestedMultiparts(80))
        let parts = m.allParts
        #expect(parts.count == 51)
        #expect(parts.map(\.depth).max() == 50)
        let deepest = parts.last!
        #expect(deepest.defects.contains(.depthLimitReached))
        #expect(deepest.mimeType == "multipart/mixed")
        #expect(!deepest.isMultipart)
        #expect(String(decoding: deepest.bodyBytes, as: UTF8.self).hasPrefix("--b50\n"))

        let shallow = Message(nestedMultiparts(10))
        #expect(shallow.allParts.count == 11)
        #expect(shallow.allParts.last?.bodyBytes.elementsEqual("leaf".utf8) == true)
    }

    @Test func depthLimitAppliesToNestedMessagesToo() {
        let m = Message(String(repeating: "Content-Type: message/rfc822\n\n", count: 200) + "body")
        #expect(m.allParts.count == 51)
    }

    @Test func partLimit() {
        let body = String(repeating: "--b\n\nx\n", count: 100) + "--b--\n"
        let m = Message(bytes: Array(("Content-Type: multipart/mixed; boundary=b\n\n" + body).utf8),
                        limits: MIMEParserLimits(maximumDepth: 50, maximumParts: 20))
        #expect(m.allParts.count == 20)
        #expect(m.root.defects.contains(.partLimitReached))
    }

    @Test func deepNestingWithNearMissDelimitersStaysLinear() {
        // 45 open multiparts with equally long boundaries, then thousands of lines that
        // look like delimiters of every level but match none.
        let stem = String(repeating: "x", count: 500)
        var s = ""
        for i in 0..<45 { s += "Content-Type: multipart/mixed; boundary=\"\(stem)\(i + 100)\"\n\n--\(stem)\(i + 100)\n" }
        s += "\n" + String(repeating: "--\(stem)999--\n", count: 5000)
        let clock = ContinuousClock()
        var m: Message?
        let elapsed = clock.measure { m = Message(s) }
        #expect(elapsed < .seconds(5))
        #expect(m?.allParts.count == 46)
        #expect(m?.allParts.last?.bodyRange.count == 5000 * 508)
    }

    @Test func mixedAndBareCRLineEnds() {
        let m = Message(bytes: Array("Subject: a\r\nContent-Type: multipart/mixed; boundary=b\n\r\n--b\r\n\rone\r\n--b--\n".utf8))
        #expect(m.subject == "a")
        #expect(m.root.children.count == 1)
        #expect(m.root.children[0].bodyBytes.elementsEqual("one".utf8))
    }

    @Test func decodesBodies() {
        let m = Message("""
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            Gr=FC=DFe, sch=
            =F6n
            --b
            Content-Type: application/octet-stream
            Content-Transfer-Encoding: base64

            AAEC
            /w==
            --b
            Content-Type: text/plain; charset=koi8-r
            Content-Transfer-Encoding: 8bit

            \u{0}
            --b--
            """)
        #expect(m.root.children[0].decodedText() == "Grüße, schön")
        #expect(m.root.children[1].decodedBody() == [0, 1, 2, 255])
        #expect(m.root.children[2].decodedBody() == [0])
    }
}
