import Testing
@testable import MailCore

/// Every entity lies inside its parent's body, siblings do not overlap, and an
/// encapsulated message is exactly its part's body — whatever the input. The fuzz target
/// `mime` checks the same; these are the shapes it (or reasoning about it) found.
@Suite("MIME entity nesting")
struct MIMENestingInvariantTests {
    private func violations(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        let message = Message(bytes: bytes)
        var found: [String] = []
        if message.root.range != 0..<bytes.count { found.append("root \(message.root.range)") }
        func visit(_ part: MIMEPart, within parent: Range<Int>) {
            let label = part.partNumber.isEmpty ? "root" : part.partNumber
            if part.headerRange.upperBound != part.bodyRange.lowerBound { found.append("\(label): header/body gap") }
            if part.range.lowerBound < parent.lowerBound || part.range.upperBound > parent.upperBound {
                found.append("\(label): \(part.range) outside \(parent)")
            }
            switch part.content {
            case .single:
                break
            case .multipart(let parts):
                var previousEnd = part.bodyRange.lowerBound
                for child in parts {
                    if child.range.lowerBound < previousEnd { found.append("\(child.partNumber): overlaps sibling") }
                    previousEnd = child.range.upperBound
                    visit(child, within: part.bodyRange)
                }
            case .message(let inner):
                if inner.range != part.bodyRange { found.append("\(label): encapsulated \(inner.range) != body \(part.bodyRange)") }
                visit(inner, within: part.bodyRange)
            }
        }
        visit(message.root, within: 0..<bytes.count)
        return found
    }

    @Test("an enclosing close delimiter right after an inner opening delimiter")
    func enclosingDelimiterRightAfterInnerOpening() {
        let text = "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b2\"\r\n\r\n--b2\r\n--b1--\r\n"
        #expect(violations(text) == [])
    }

    @Test("a message/rfc822 part whose body is cut by the enclosing delimiter")
    func messagePartCutByEnclosingDelimiter() {
        let shapes = [
            "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b1\r\n"
                + "Content-Type: message/rfc822\r\n\r\n--b1--\r\n",
            "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: message/rfc822\r\n--b1--\r\n",
            "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: message/rfc822\r\n\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b2\"\r\n\r\n--b2\r\n--b1\r\n--b1--\r\n",
            "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: message/rfc822\r\n\r\n"
                + "Content-Type: message/rfc822\r\n\r\nSubject: x\r\n--b1--",
            "Content-Type: multipart/digest; boundary=\"b1\"\r\n\r\n--b1\r\n\r\n--b1\r\n\r\n\r\n--b1--\r\n",
            "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\n--b1\r\nContent-Type: message/rfc822\n\n--b1--",
        ]
        for shape in shapes {
            #expect(violations(shape) == [], "\(shape.debugDescription)")
        }
    }
}
