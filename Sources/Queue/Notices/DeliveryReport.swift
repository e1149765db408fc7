import Foundation
import Spool

/// Everything a delivery status notification says (RFC 3464 §2): about the message and,
/// per recipient, what happened.
public struct DeliveryReport: Sendable, Hashable {
    /// This server's name (`Reporting-MTA: dns; …`).
    public var reportingMTA: String
    /// The envelope sender the report goes to.
    public var recipientOfReport: String
    /// RFC 3461 ENVID of the original message.
    public var envelopeID: String?
    public var arrivalDate: Date
    public var recipients: [RecipientReport]
    /// The original message octets.
    public var original: [UInt8]
    /// What to attach of the original: RET=HDRS asks for the header only; RET=FULL (or
    /// nothing) for the whole message, headers only past `fullReturnLimit` octets.
    public var returnFull: Bool
    public var date: Date

    public init(reportingMTA: String, recipientOfReport: String, envelopeID: String? = nil, arrivalDate: Date,
                recipients: [RecipientReport], original: [UInt8], returnFull: Bool, date: Date = Date()) {
        self.reportingMTA = reportingMTA
        self.recipientOfReport = recipientOfReport
        self.envelopeID = envelopeID
        self.arrivalDate = arrivalDate
        self.recipients = recipients
        self.original = original
        self.returnFull = returnFull
        self.date = date
    }

    /// The most serious action in the report decides the subject: failure, delay, success.
    public var kind: DeliveryNotice {
        let actions = Set(recipients.map(\.action))
        if actions.contains(.failed) { return .failed }
        if actions.contains(.delayed) { return .delayed }
        if actions.contains(.relayed) && !actions.contains(.delivered) { return .relayed }
        return .delivered
    }
}

/// The per-recipient fields of a DSN (RFC 3464 §2.3).
public struct RecipientReport: Sendable, Hashable {
    /// The address the message was sent to (`Final-Recipient`).
    public var finalRecipient: String
    /// RFC 3461 ORCPT as received, `addr-type;xtext` (`Original-Recipient`).
    public var originalRecipient: String?
    public var action: DeliveryNotice
    /// RFC 3463 status, e.g. `5.1.1`.
    public var status: String
    /// The server that answered (`Remote-MTA: dns; …`).
    public var remoteMTA: String?
    /// The server's reply (`Diagnostic-Code: smtp; …`), or what happened here.
    public var diagnostic: String?
    /// True when `diagnostic` is an SMTP reply from `remoteMTA`.
    public var diagnosticIsSMTP: Bool
    public var lastAttempt: Date?
    /// For delays: when the server gives up (`Will-Retry-Until`).
    public var willRetryUntil: Date?

    public init(finalRecipient: String, originalRecipient: String? = nil, action: DeliveryNotice, status: String,
                remoteMTA: String? = nil, diagnostic: String? = nil, diagnosticIsSMTP: Bool = false,
                lastAttempt: Date? = nil, willRetryUntil: Date? = nil) {
        self.finalRecipient = finalRecipient
        self.originalRecipient = originalRecipient
        self.action = action
        self.status = status
        self.remoteMTA = remoteMTA
        self.diagnostic = diagnostic
        self.diagnosticIsSMTP = diagnosticIsSMTP
        self.lastAttempt = lastAttempt
        self.willRetryUntil = willRetryUntil
    }

    /// The RFC 3463 status in a reply or log text: its enhanced code (`550 5.1.1 …`,
    /// `5.2.2 mailbox full`), else the class of its basic code, else `fallback`.
    public static func status(from text: String?, fallback: String) -> String {
        guard let text else { return fallback }
        let words = text.split(separator: " ", maxSplits: 2).map(String.init)
        for word in words.prefix(2) {
            let parts = word.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 3, ["2", "4", "5"].contains(parts[0]),
               parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }) {
                return word
            }
        }
        if let first = words.first, first.count == 3, let code = Int(first), (200...599).contains(code) {
            return "\(code / 100).0.0"
        }
        return fallback
    }
}
