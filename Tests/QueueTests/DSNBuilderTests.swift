import Foundation
import MailCore
import Queue
import Spool
import Testing

@Suite("DSN (RFC 3464) rendering")
struct DSNBuilderTests {
    let original = Array("""
        From: Alice <alice@example.org>\r
        To: bob@example.net\r
        Subject: Lunch\r
        Message-ID: <lunch@example.org>\r
        \r
        See you at noon.\r

        """.utf8)

    func report(_ recipients: [RecipientReport], returnFull: Bool = true) -> DeliveryReport {
        DeliveryReport(reportingMTA: "mail.example.org", recipientOfReport: "alice@example.org", envelopeID: "ENV-7",
                       arrivalDate: Date(timeIntervalSince1970: 1_700_000_000), recipients: recipients,
                       original: original, returnFull: returnFull, date: Date(timeIntervalSince1970: 1_700_000_600))
    }

    let failed = RecipientReport(
        finalRecipient: "bob@example.net", originalRecipient: "rfc822;Bob+2Bx@example.net", action: .failed,
        status: "5.1.1", remoteMTA: "mx.example.net", diagnostic: "550 5.1.1 <bob@example.net>: User unknown",
        diagnosticIsSMTP: true, lastAttempt: Date(timeIntervalSince1970: 1_700_000_500))

    /// The delivery-status body: per-message fields, then per-recipient blocks.
    func statusBlocks(_ message: Message) -> [[String: String]] {
        guard let part = message.allParts.first(where: { $0.mimeType == "message/delivery-status" || $0.mimeType == "message/global-delivery-status" }) else {
            return []
        }
        let text = String(decoding: part.decodedBody(), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        return text.components(separatedBy: "\n\n").map { block in
            var fields: [String: String] = [:]
            var last = ""
            for line in block.split(separator: "\n") {
                if line.hasPrefix(" "), !last.isEmpty { fields[last, default: ""] += String(line); continue }
                let pieces = line.split(separator: ":", maxSplits: 1)
                guard pieces.count == 2 else { continue }
                last = pieces[0].lowercased()
                fields[last] = pieces[1].trimmingCharacters(in: .whitespaces)
            }
            return fields
        }.filter { !$0.isEmpty }
    }

    @Test func failureReportWithTheWholeMessage() {
        let bytes = DSNBuilder().build(report([failed]))
        let message = Message(bytes: bytes)
        #expect(message.root.mimeType == "multipart/report")
        #expect(message.root.contentType.parameters["report-type"] == "delivery-status")
        #expect(message.from.first?.address.description == "MAILER-DAEMON@mail.example.org")
        #expect(message.to.first?.address.description == "alice@example.org")
        #expect(message.subject == "Undelivered Mail Returned to Sender")
        #expect(message.header.value(of: "Auto-Submitted")?.contains("auto-replied") == true)
        #expect(message.root.children.map(\.mimeType) == ["text/plain", "message/delivery-status", "message/rfc822"])
        let human = message.root.children[0].decodedText()
        #expect(human.contains("<bob@example.net>: delivery failed"))
        #expect(human.contains("mx.example.net said: 550 5.1.1"))
        #expect(message.root.children[2].encapsulatedMessage?.subject == "Lunch")

        let blocks = statusBlocks(message)
        #expect(blocks.count == 2)
        #expect(blocks[0]["reporting-mta"] == "dns; mail.example.org")
        #expect(blocks[0]["original-envelope-id"] == "ENV-7")
        #expect(blocks[0]["arrival-date"]?.contains("2023") == true)
        #expect(blocks[1]["final-recipient"] == "rfc822; bob@example.net")
        #expect(blocks[1]["original-recipient"] == "rfc822; Bob+x@example.net")
        #expect(blocks[1]["action"] == "failed")
        #expect(blocks[1]["status"] == "5.1.1")
        #expect(blocks[1]["remote-mta"] == "dns; mx.example.net")
        #expect(blocks[1]["diagnostic-code"] == "smtp; 550 5.1.1 <bob@example.net>: User unknown")
        #expect(blocks[1]["last-attempt-date"] != nil)
    }

    @Test func retHeadersReturnsOnlyTheHeader() {
        let message = Message(bytes: DSNBuilder().build(report([failed], returnFull: false)))
        let third = message.root.children[2]
        #expect(third.mimeType == "text/rfc822-headers")
        let text = third.decodedText()
        #expect(text.contains("Subject: Lunch"))
        #expect(!text.contains("See you at noon"))
    }

    @Test func largeMessagesComeBackAsHeadersOnly() {
        let message = Message(bytes: DSNBuilder(fullReturnLimit: 10).build(report([failed])))
        #expect(message.root.children[2].mimeType == "text/rfc822-headers")
    }

    @Test func delayReport() {
        let until = Date(timeIntervalSince1970: 1_700_345_600)
        let delayed = RecipientReport(finalRecipient: "carol@example.net", action: .delayed, status: "4.4.1",
                                      diagnostic: "451 4.4.1 connection refused", willRetryUntil: until)
        let message = Message(bytes: DSNBuilder().build(report([delayed])))
        #expect(message.subject == "Delayed Mail (still being retried)")
        #expect(message.root.children[2].mimeType == "text/rfc822-headers")  // never the body for a delay
        let blocks = statusBlocks(message)
        #expect(blocks[1]["action"] == "delayed")
        #expect(blocks[1]["will-retry-until"] == RFC5322DateFormat.string(from: until))
        #expect(blocks[1]["diagnostic-code"] == "X-Postino; 451 4.4.1 connection refused")
        #expect(blocks[1]["remote-mta"] == nil)
    }

    @Test func mixedReportIsAFailureReport() {
        let relayed = RecipientReport(finalRecipient: "dave@example.net", action: .relayed, status: "2.0.0")
        let r = report([relayed, failed])
        #expect(r.kind == .failed)
        let blocks = statusBlocks(Message(bytes: DSNBuilder().build(r)))
        #expect(blocks.map { $0["action"] } == [nil, "relayed", "failed"])
        #expect(report([relayed]).kind == .relayed)
        #expect(DSNBuilder().subject(report([relayed])) == "Successful Mail Delivery Report")
    }

    @Test func longDiagnosticsAreFoldedAndControlsRemoved() {
        let long = RecipientReport(finalRecipient: "bob@example.net", action: .failed, status: "5.7.1",
                                   diagnostic: "554 5.7.1 " + String(repeating: "blocked word ", count: 30) + "\u{7}end")
        let bytes = DSNBuilder().build(report([long]))
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        let blocks = statusBlocks(Message(bytes: bytes))
        #expect(blocks[1]["diagnostic-code"]?.hasSuffix("?end") == true)
    }

    @Test func statusFromReplies() {
        #expect(RecipientReport.status(from: "550 5.1.1 unknown", fallback: "5.0.0") == "5.1.1")
        #expect(RecipientReport.status(from: "5.2.2 mailbox full", fallback: "5.0.0") == "5.2.2")
        #expect(RecipientReport.status(from: "554 rejected", fallback: "5.0.0") == "5.0.0")
        #expect(RecipientReport.status(from: "451 later", fallback: "5.0.0") == "4.0.0")
        #expect(RecipientReport.status(from: nil, fallback: "4.0.0") == "4.0.0")
        #expect(RecipientReport.status(from: "mailbox gone", fallback: "5.0.0") == "5.0.0")
    }
}
