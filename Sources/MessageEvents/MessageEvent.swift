import Foundation

/// One event in a message's life, kept as a record beside the mail-log line that told it:
/// the line itself (time, component, QID, text) and the fields an administrator filters
/// and counts by (client, TLS, AUTH user, sender, recipient, status, remote reply…).
public struct MessageEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The message was accepted: `client=…` (with TLS and AUTH user) and `from=<…>, size=…`.
        case received
        /// `message-id=<…>`, once per QID.
        case messageID = "message-id"
        /// A submission rewrite (disclaimer, DKIM signature).
        case rewrite
        /// The content filter's verdict (`filter: action=…`).
        case verdict
        /// A delivery or relay attempt of one recipient (`to=<…>, status=sent|deferred`).
        case delivery
        /// A recipient's delivery failed for good (`status=bounced`), or a notice was sent.
        case bounce
        /// The message refused with a QID (552 size, 554 policy) or before one (RCPT).
        case refusal
        /// The message left the queue (`removed`, `removed by admin`).
        case removal
        /// Any other line about a message.
        case other
    }

    /// When the line was written.
    public var date: Date
    /// The mail log's own timestamp text of that moment (`MailLogFormatter.timestamp`).
    public var time: String
    /// e.g. `postino/smtpd`.
    public var component: String
    public var queueID: String?
    /// The mail-log text after the QID.
    public var text: String
    public var kind: Kind
    public var fields: MessageEventFields

    public init(date: Date, time: String, component: String, queueID: String?, text: String) {
        self.date = date
        self.time = time
        self.component = component
        self.queueID = queueID
        self.text = text
        self.fields = MessageEventFields(text: text)
        self.kind = Self.kind(of: text, fields: fields)
    }

    static func kind(of text: String, fields: MessageEventFields) -> Kind {
        if text.hasPrefix("removed") { return .removal }
        if text.hasPrefix("reject:") || text.hasPrefix("NOQUEUE: reject:") { return .refusal }
        if text.hasPrefix("message-id=") { return .messageID }
        if text.hasPrefix("client=") || (text.hasPrefix("from=<") && text.contains(", size=")) { return .received }
        if text.hasPrefix("filter: action=") { return .verdict }
        if let status = fields.status {
            return status == "bounced" ? .bounce : .delivery
        }
        if text.contains("notification: ") || text.hasPrefix("sender non-delivery notification") { return .bounce }
        if text.hasPrefix("DKIM-signed ") || text.hasPrefix("disclaimer of ") { return .rewrite }
        return .other
    }

    /// Whether an event of this text is worth a record: anything with a QID, and refusals
    /// without one (they count on the dashboard).
    public static func isRecorded(queueID: String?, text: String) -> Bool {
        if let queueID, !queueID.isEmpty { return true }
        return text.hasPrefix("reject:") || text.hasPrefix("NOQUEUE: reject:")
    }
}
