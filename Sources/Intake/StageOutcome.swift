import Spool

/// What one intake stage decided about a message.
public struct StageOutcome: Sendable {
    public enum Action: Sendable {
        /// Go on with the next stage.
        case accept
        /// Refuse for good (`5xx`): nothing is queued.
        case refuse(IntakeReply)
        /// Refuse for now (`4xx`): the sender tries again later; nothing is queued.
        case tempfail(IntakeReply)
        /// Queue it, but to these deliveries (a quarantine mailbox) instead of its own.
        case quarantine(deliveries: [SpoolDelivery], reason: String)
    }

    public var action: Action
    /// Edits of the header block, applied once after every stage ran.
    public var headerEdits: [HeaderEdit]
    /// What fired, with its weight (summed into the filter's score) and a detail.
    public var symbols: [ScoreSymbol]
    /// Facts later stages read (`allowed` when an allow rule let the message pass…).
    public var marks: [String: String]
    /// Messages to submit once this one is queued (a quarantine notice to the postmaster).
    public var notices: [GeneratedMessage]

    public init(_ action: Action = .accept, headerEdits: [HeaderEdit] = [], symbols: [ScoreSymbol] = [],
                marks: [String: String] = [:], notices: [GeneratedMessage] = []) {
        self.action = action
        self.headerEdits = headerEdits
        self.symbols = symbols
        self.marks = marks
        self.notices = notices
    }

    public static let accept = StageOutcome()
}

/// One score contribution: a rule or check that fired.
public struct ScoreSymbol: Sendable, Hashable, Codable {
    public var name: String
    public var weight: Double
    public var detail: String

    public init(_ name: String, weight: Double = 0, detail: String = "") {
        self.name = name
        self.weight = weight
        self.detail = detail
    }
}

/// A change to the header block of a message.
public enum HeaderEdit: Sendable {
    /// A new field at the top (after nothing: above our own `Received:`).
    case prepend(name: String, value: String)
    /// Removes every field for which the predicate (name, unfolded value) holds.
    case remove(@Sendable (_ name: String, _ value: String) -> Bool)
    /// Puts text in front of the Subject (a spam prefix); adds a Subject if there is none.
    case prefixSubject(String)
}

/// A message Postino writes itself and submits through intake.
public struct GeneratedMessage: Sendable {
    public var kind: IntakeOrigin.GeneratedKind
    public var sender: String
    public var recipient: String
    public var bytes: [UInt8]
    public var hopCount: Int

    public init(kind: IntakeOrigin.GeneratedKind, sender: String, recipient: String, bytes: [UInt8], hopCount: Int = 0) {
        self.kind = kind
        self.sender = sender
        self.recipient = recipient
        self.bytes = bytes
        self.hopCount = hopCount
    }
}
