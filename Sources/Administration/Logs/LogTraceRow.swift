import MessageEvents

/// One message's timeline (`log trace --json`, `GET /api/v1/logs/trace`).
public struct LogTraceRow: Codable, Sendable, Hashable {
    public var qid: String
    public var events: [LogEventRow]

    public init(qid: String, events: [LogEventRow]) {
        self.qid = qid
        self.events = events
    }
}

/// One event: the mail-log line it wrote (time, component, text) and its fields.
public struct LogEventRow: Codable, Sendable, Hashable {
    /// The mail log's timestamp (RFC 3339, local offset).
    public var time: String
    public var component: String
    public var qid: String?
    /// received, message-id, rewrite, verdict, delivery, bounce, refusal, removal, other.
    public var kind: String
    /// The text after the QID in the mail log.
    public var text: String
    public var client: String?
    public var tls: String?
    public var auth_user: String?
    public var sender: String?
    public var recipient: String?
    public var relay: String?
    public var status: String?
    public var reply: String?
    public var message_id: String?
    public var action: String?
    public var size: Int?

    public init(_ event: MessageEvent) {
        time = event.time
        component = event.component
        qid = event.queueID
        kind = event.kind.rawValue
        text = event.text
        let f = event.fields
        client = f.client
        tls = f.tls
        auth_user = f.authUser
        sender = f.sender
        recipient = f.recipient
        relay = f.relay
        status = f.status
        reply = f.reply
        message_id = f.messageID
        action = f.action
        size = f.size
    }
}
