/// How the transaction of one message ended for each recipient.
public struct SMTPTransactionResult: Hashable, Sendable {
    /// In the order of `SMTPClientMessage.recipients`.
    public var recipients: [SMTPRecipientResult]
    /// The server announced DSN (RFC 3461): it will send the success and delay notices
    /// the recipients' NOTIFY asks for.
    public var serverSupportsDSN: Bool

    public init(recipients: [SMTPRecipientResult], serverSupportsDSN: Bool) {
        self.recipients = recipients
        self.serverSupportsDSN = serverSupportsDSN
    }
}

/// The outcome for one recipient.
public struct SMTPRecipientResult: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        case delivered
        /// Try again later (4xx, lost connection, timeout).
        case deferred
        /// Permanent failure (5xx): bounce.
        case failed
    }

    /// Where the transaction decided this recipient's fate.
    public enum Stage: String, Hashable, Sendable {
        /// Before anything was sent: a check against the server's announced limits.
        case beforeTransaction = "before MAIL FROM"
        case mail = "MAIL FROM"
        case recipient = "RCPT TO"
        case data = "end of DATA"
    }

    public var outcome: Outcome
    /// The server's reply, or one made up here (`isLocal`) for checks, timeouts and
    /// lost connections.
    public var reply: SMTPReply
    public var stage: Stage
    /// True when `reply` was not sent by the server.
    public var isLocal: Bool

    public init(outcome: Outcome, reply: SMTPReply, stage: Stage, isLocal: Bool = false) {
        self.outcome = outcome
        self.reply = reply
        self.stage = stage
        self.isLocal = isLocal
    }

    /// The outcome a server reply means.
    static func from(_ reply: SMTPReply, stage: Stage, isLocal: Bool = false) -> SMTPRecipientResult {
        let outcome: Outcome = reply.code < 400 ? .delivered : reply.code < 500 ? .deferred : .failed
        return SMTPRecipientResult(outcome: outcome, reply: reply, stage: stage, isLocal: isLocal)
    }
}
