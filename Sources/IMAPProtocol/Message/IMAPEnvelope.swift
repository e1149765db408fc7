/// The ENVELOPE of a message (RFC 3501 §7.4.2). String members hold the header bytes as
/// written (unfolded; RFC 2047 words not decoded), nil for NIL.
public struct IMAPEnvelope: Hashable, Sendable {
    public var date: [UInt8]?
    public var subject: [UInt8]?
    /// An empty list is sent as NIL.
    public var from: [IMAPAddress]
    public var sender: [IMAPAddress]
    public var replyTo: [IMAPAddress]
    public var to: [IMAPAddress]
    public var cc: [IMAPAddress]
    public var bcc: [IMAPAddress]
    public var inReplyTo: [UInt8]?
    public var messageID: [UInt8]?

    public init(date: [UInt8]? = nil, subject: [UInt8]? = nil, from: [IMAPAddress] = [], sender: [IMAPAddress] = [],
                replyTo: [IMAPAddress] = [], to: [IMAPAddress] = [], cc: [IMAPAddress] = [], bcc: [IMAPAddress] = [],
                inReplyTo: [UInt8]? = nil, messageID: [UInt8]? = nil) {
        self.date = date
        self.subject = subject
        self.from = from
        self.sender = sender
        self.replyTo = replyTo
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.inReplyTo = inReplyTo
        self.messageID = messageID
    }
}

/// An address structure: `(name adl mailbox host)`. Group syntax (RFC 3501 §7.4.2): a
/// start-of-group marker has a nil host and the group name as mailbox; the end marker has
/// all four nil.
public struct IMAPAddress: Hashable, Sendable {
    public var name: [UInt8]?
    /// The obsolete source route (at-domain-list, e.g. `@relay.example`), NIL when none.
    public var adl: [UInt8]?
    public var mailbox: [UInt8]?
    public var host: [UInt8]?

    public init(name: [UInt8]?, adl: [UInt8]? = nil, mailbox: [UInt8]?, host: [UInt8]?) {
        self.name = name
        self.adl = adl
        self.mailbox = mailbox
        self.host = host
    }

    public static func groupStart(_ name: String) -> IMAPAddress {
        IMAPAddress(name: nil, mailbox: Array(name.utf8), host: nil)
    }

    public static let groupEnd = IMAPAddress(name: nil, mailbox: nil, host: nil)
}
