import Foundation
import MailCore
import Sieve

/// Messages Postino writes on a user's behalf: vacation replies (RFC 5230 §5) and the
/// notice a Sieve `reject` sends back (RFC 5429 §2.1, an MDN per RFC 8098).
enum AutomaticReplies {
    static func vacation(_ response: SieveVacationResponse, from: String, hostname: String) -> [UInt8] {
        var builder: MessageBuilder
        switch response.body {
        case .text(let text):
            builder = MessageBuilder(body: .text(text))
        case .mime(let entity):
            // :mime — the script supplies the whole entity, header included.
            let raw = Array(entity.utf8)
            let parsed = Message(bytes: raw)
            let type = parsed.root.contentType
            builder = MessageBuilder(body: MIMEBodyPart(contentType: type, payload: .bytes(Array(raw[parsed.bodyRange])),
                                                        transferEncoding: parsed.root.transferEncoding))
        }
        if let address = try? EmailAddress.parse(from) {
            builder.addAddressHeader("From", [NamedMailbox(displayName: nil, address: address)])
        } else {
            builder.addHeader("From", from)
        }
        if let to = try? EmailAddress.parse(response.recipient) {
            builder.addAddressHeader("To", [NamedMailbox(displayName: nil, address: to)])
        }
        builder.addHeader("Subject", response.subject)
        builder.setDate()
        _ = builder.setMessageID(domain: hostname)
        if let original = response.inReplyTo {
            builder.addStructuredHeader("In-Reply-To", original)
            builder.addStructuredHeader("References", original)
        }
        builder.addStructuredHeader("Auto-Submitted", "auto-replied (vacation)")
        return builder.build()
    }

    static func rejectNotice(reason: String, original: [UInt8], recipient: String, hostname: String) -> [UInt8] {
        let message = Message(bytes: original)
        var report = "Reporting-UA: \(hostname); Postino\r\nFinal-Recipient: rfc822; \(recipient)\r\n"
        if let id = message.messageID { report += "Original-Message-ID: \(id)\r\n" }
        report += "Disposition: automatic-action/MDN-sent-automatically; deleted\r\n"
        let body = MIMEBodyPart.multipart("report", [
            .text("Your message to \(recipient) was automatically rejected:\r\n\r\n\(reason)\r\n"),
            MIMEBodyPart(contentType: ContentType(type: "message", subtype: "disposition-notification"),
                         payload: .bytes(Array(report.utf8))),
            MIMEBodyPart(contentType: ContentType(type: "text", subtype: "rfc822-headers"),
                         payload: .bytes(Array(original[message.headerRange]))),
        ], parameters: ["report-type": "disposition-notification"])
        var builder = MessageBuilder(body: body)
        if let address = try? EmailAddress.parse("MAILER-DAEMON@" + hostname) {
            builder.addAddressHeader("From", [NamedMailbox(displayName: "Mail Delivery System", address: address)])
        }
        if let to = message.from.first { builder.addAddressHeader("To", [to]) }
        builder.addHeader("Subject", "Rejected: " + (message.subject ?? "your message"))
        builder.setDate()
        _ = builder.setMessageID(domain: hostname)
        builder.addStructuredHeader("Auto-Submitted", "auto-replied (rejected)")
        return builder.build()
    }

    /// The once-per-script notice telling a user their Sieve script failed.
    static func scriptErrorNotice(user: String, error: String, hostname: String) -> [UInt8] {
        var builder = MessageBuilder(body: .text("""
            Your Sieve filter could not be applied to a message delivered to you:

            \(error)

            The message was kept in your INBOX. Fix the script with your ManageSieve client
            (port 4190); you will not be told again about this version of the script.
            """))
        if let address = try? EmailAddress.parse("MAILER-DAEMON@" + hostname) {
            builder.addAddressHeader("From", [NamedMailbox(displayName: "Mail Delivery System", address: address)])
        }
        builder.addHeader("To", user)
        builder.addHeader("Subject", "Your mail filter (Sieve) failed")
        builder.setDate()
        _ = builder.setMessageID(domain: hostname)
        builder.addStructuredHeader("Auto-Submitted", "auto-generated")
        return builder.build()
    }
}
