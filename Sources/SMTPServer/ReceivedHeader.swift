import Foundation
import MailCore
import SMTPProtocol

/// The trace field prepended to every accepted message (RFC 5321 §4.4): who sent it, over
/// what (TLS, authentication), to whom, with the queue ID that finds it in the mail log.
enum ReceivedHeader {
    static func field(envelope: SMTPEnvelope, queueID: String, hostname: String, date: Date = Date()) -> [UInt8] {
        let helo = sanitize(envelope.heloName ?? "unknown")
        var lines = ["Received: from \(helo) (unknown [\(envelope.client.remoteAddress)])"]
        if let tls = envelope.tls {
            lines.append("\t(using \(tls.version)\(tls.cipher.isEmpty ? "" : " with cipher \(tls.cipher)"))")
        }
        if let user = envelope.authenticatedUser {
            lines.append("\t(authenticated as \(sanitize(user)))")
        }
        lines.append("\tby \(hostname) (Postino) with \(envelope.receivedProtocol) id \(queueID)")
        // RFC 5321 §7.2: naming the recipient of a multi-recipient message would disclose
        // the others (Bcc), so `for` appears only with one.
        var last = ""
        if envelope.recipients.count == 1, let rcpt = envelope.recipients[0].path.mailbox {
            last = "\tfor <\(sanitize(rcpt.description))>"
        }
        last += (last.isEmpty ? "\t" : "") + "; " + RFC5322DateFormat.string(from: date)
        lines.append(last)
        return Array(lines.joined(separator: "\r\n").utf8) + [0x0D, 0x0A]
    }

    /// Client-chosen text must not break the header: no CR, LF or other controls.
    private static func sanitize(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) }.prefix(255))
    }
}
