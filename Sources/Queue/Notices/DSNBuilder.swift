import Foundation
import MailCore
import Spool

/// Renders a `DeliveryReport` as an RFC 3464 delivery status notification: a
/// multipart/report (RFC 6522) from MAILER-DAEMON with a human-readable part, the
/// machine-readable message/delivery-status, and the original message or its header.
public struct DSNBuilder: Sendable {
    /// Past this size, even RET=FULL gets the header only (a bounce should not be a
    /// second copy of a huge message).
    public var fullReturnLimit: Int

    public init(fullReturnLimit: Int = 1 << 20) {
        self.fullReturnLimit = fullReturnLimit
    }

    public func subject(_ report: DeliveryReport) -> String {
        switch report.kind {
        case .failed: return "Undelivered Mail Returned to Sender"
        case .delayed: return "Delayed Mail (still being retried)"
        case .delivered, .relayed: return "Successful Mail Delivery Report"
        }
    }

    public func build(_ report: DeliveryReport) -> [UInt8] {
        let international = report.recipients.contains { !$0.finalRecipient.isASCIIOnly }
        let status = MIMEBodyPart(
            // RFC 6533 §6: non-ASCII addresses need message/global-delivery-status.
            contentType: ContentType(type: "message", subtype: international ? "global-delivery-status" : "delivery-status"),
            payload: .bytes(Array(deliveryStatus(report).utf8)))
        var parts = [MIMEBodyPart.text(humanReadable(report)), status]
        // RFC 3461 §4.3: RET concerns failures; delay and success reports carry the header.
        let full = report.kind == .failed && report.returnFull && report.original.count <= fullReturnLimit
        if full {
            parts.append(.message(report.original))
        } else {
            parts.append(MIMEBodyPart(contentType: ContentType(type: "text", subtype: "rfc822-headers"),
                                      payload: .bytes(Self.header(of: report.original))))
        }
        var builder = MessageBuilder(body: .multipart("report", parts, parameters: ["report-type": "delivery-status"]))
        if let daemon = try? EmailAddress.parse("MAILER-DAEMON@\(report.reportingMTA)") {
            builder.addAddressHeader("From", [NamedMailbox(displayName: "Mail Delivery System", address: daemon)])
        }
        if let recipient = try? EmailAddress.parse(report.recipientOfReport) {
            builder.addAddressHeader("To", [NamedMailbox(displayName: nil, address: recipient)])
        }
        builder.addHeader("Subject", subject(report))
        builder.setDate(report.date)
        builder.setMessageID(domain: report.reportingMTA)
        // RFC 3834 §5: a DSN is an automatic reply; nobody should answer it automatically.
        builder.addStructuredHeader("Auto-Submitted", "auto-replied")
        return builder.build()
    }

    // MARK: Parts

    private func humanReadable(_ report: DeliveryReport) -> String {
        var text = "This is the mail system at \(report.reportingMTA).\n\n"
        switch report.kind {
        case .failed:
            text += "Your message could not be delivered to one or more recipients.\n"
            text += "It is attached below (or its header, for a large message).\n"
        case .delayed:
            text += "Your message has not been delivered yet to one or more recipients.\n"
            text += "The server keeps trying; you do not need to send it again.\n"
        case .delivered, .relayed:
            text += "Your message was delivered as you asked to be told.\n"
        }
        for recipient in report.recipients {
            text += "\n<\(recipient.finalRecipient)>: "
            switch recipient.action {
            case .failed: text += "delivery failed"
            case .delayed: text += "delivery delayed"
                if let until = recipient.willRetryUntil {
                    text += ", retried until \(RFC5322DateFormat.string(from: until))"
                }
            case .delivered: text += "delivered"
            case .relayed: text += "passed on to a server that sends no further reports"
            }
            if let diagnostic = recipient.diagnostic {
                if let mta = recipient.remoteMTA {
                    text += "\n    \(mta) said: \(diagnostic)"
                } else {
                    text += "\n    \(diagnostic)"
                }
            }
            text += "\n"
        }
        return text
    }

    /// RFC 3464 §2.2 per-message fields, then §2.3 per-recipient fields, blocks separated
    /// by empty lines.
    func deliveryStatus(_ report: DeliveryReport) -> String {
        var lines: [String] = ["Reporting-MTA: dns; \(report.reportingMTA)"]
        if let id = report.envelopeID, id.isPrintableASCII { lines.append("Original-Envelope-Id: \(id)") }
        lines.append("Arrival-Date: \(RFC5322DateFormat.string(from: report.arrivalDate))")
        for recipient in report.recipients {
            lines.append("")
            let type = recipient.finalRecipient.isASCIIOnly ? "rfc822" : "utf-8"
            lines.append("Final-Recipient: \(type); \(recipient.finalRecipient)")
            if let original = recipient.originalRecipient.flatMap(Self.originalRecipientField) {
                lines.append("Original-Recipient: \(original)")
            }
            lines.append("Action: \(recipient.action.rawValue)")
            lines.append("Status: \(recipient.status)")
            if let mta = recipient.remoteMTA { lines.append("Remote-MTA: dns; \(mta)") }
            if let diagnostic = recipient.diagnostic {
                let clean = diagnostic.printableASCIIOneLine
                lines.append(recipient.diagnosticIsSMTP ? "Diagnostic-Code: smtp; \(clean)" : "Diagnostic-Code: X-Postino; \(clean)")
            }
            if let last = recipient.lastAttempt {
                lines.append("Last-Attempt-Date: \(RFC5322DateFormat.string(from: last))")
            }
            if let until = recipient.willRetryUntil {
                lines.append("Will-Retry-Until: \(RFC5322DateFormat.string(from: until))")
            }
        }
        return lines.map { Self.fold($0) }.joined(separator: "\r\n") + "\r\n"
    }

    /// ORCPT `rfc822;bob+2Bx@example.net` becomes `rfc822; bob+x@example.net`
    /// (RFC 3464 §2.3.1: the xtext is decoded).
    static func originalRecipientField(_ orcpt: String) -> String? {
        guard let semicolon = orcpt.firstIndex(of: ";") else { return nil }
        let type = orcpt[..<semicolon]
        let encoded = String(orcpt[orcpt.index(after: semicolon)...])
        guard let address = try? ESMTPParameters.xtextDecode(encoded) else { return nil }
        return "\(type); \(address.printableASCIIOneLine)"
    }

    /// Long diagnostics are folded at spaces (RFC 5322 §2.2.3) to stay under 998 octets.
    private static func fold(_ line: String) -> String {
        guard line.utf8.count > 78 else { return line }
        var out = ""
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty && current.utf8.count + word.utf8.count + 1 > 78 {
                out += current + "\r\n"
                current = " " + word
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        return out + current
    }

    /// The header section of a message, up to and including the empty line.
    static func header(of message: [UInt8]) -> [UInt8] {
        var index = 0
        var lineStart = 0
        while index < message.count {
            if message[index] == 0x0A {
                let line = message[lineStart..<index]
                if line.isEmpty || line == [0x0D] { return Array(message[..<(index + 1)]) }
                lineStart = index + 1
            }
            index += 1
        }
        return message + (message.last == 0x0A ? [] : [0x0D, 0x0A])
    }
}

extension String {
    var isASCIIOnly: Bool { utf8.allSatisfy { $0 < 0x80 } }
    var isPrintableASCII: Bool { utf8.allSatisfy { (0x20...0x7E).contains($0) } }

    /// Controls and non-ASCII replaced, one line: safe inside a header field.
    var printableASCIIOneLine: String {
        String(decoding: utf8.map { (0x20...0x7E).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }
}
