import Spool

/// Hands a queued message to whoever delivers it. The server's implementation wakes the
/// local delivery agent for local targets and the outbound agent for remote ones; tests
/// record what was dispatched.
public protocol IntakeDispatcher: Sendable {
    func dispatch(_ envelope: SpoolEnvelope) async
}

/// Told about every verdict (the filter's log line and scan history).
public protocol IntakeVerdictRecorder: Sendable {
    func record(_ verdict: IntakeVerdict, _ context: IntakeContext) async
}

/// The pipeline's decision about one message, for logs and history.
public struct IntakeVerdict: Sendable {
    public enum Action: String, Sendable, Codable {
        case accept, quarantine, tempfail, reject
        /// Accepted, marked as spam.
        case addHeader = "add-header"
        /// Deferred by greylisting.
        case greylist
    }

    /// A stage may name the verdict's action more precisely than its outcome does
    /// (`add-header`, `greylist`) with this mark.
    public static let actionMark = "verdict-action"

    public var action: Action
    public var reply: IntakeReply?
    public var symbols: [ScoreSymbol]
    public var marks: [String: String]
    /// Wall time of the stages.
    public var milliseconds: Int

    public var score: Double { symbols.reduce(0) { $0 + $1.weight } }

    public init(action: Action, reply: IntakeReply? = nil, symbols: [ScoreSymbol], marks: [String: String] = [:], milliseconds: Int) {
        self.action = action
        self.reply = reply
        self.symbols = symbols
        self.marks = marks
        self.milliseconds = milliseconds
    }
}
