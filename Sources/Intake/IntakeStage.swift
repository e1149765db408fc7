import Spool

/// One step every message passes before it is queued (sender checks, the content filter,
/// mail authentication…). A stage reads the message and the context and returns an
/// outcome; it never writes the message itself: header edits are applied by the pipeline,
/// once, after every stage ran. Stages run in order; a refusal stops the run.
public protocol IntakeStage: Sendable {
    var name: String { get }
    /// Whether the stage looks at this message at all (most skip generated mail).
    func applies(to context: IntakeContext) -> Bool
    func evaluate(_ message: IntakeMessage, _ context: IntakeContext) async -> StageOutcome
}

/// A last step that may replace the octets (DKIM signing and disclaimers of submitted
/// mail). It runs after the header edits, so a signature covers the final header.
public protocol IntakeRewriter: Sendable {
    var name: String { get }
    /// Returns the new octets, nil to keep them.
    func rewrite(_ bytes: [UInt8], _ context: IntakeContext) async throws -> [UInt8]?
    /// Whether this rewriter wants this message at all (so others are not read in full).
    func applies(to context: IntakeContext) -> Bool
}

/// What stages know about the message besides its octets.
public struct IntakeContext: Sendable {
    public var queueID: QueueID
    public var origin: IntakeOrigin
    public var envelope: IntakeEnvelope
    /// Marks set by earlier stages (see `StageOutcome.marks`).
    public var marks: [String: String] = [:]
    /// Symbols of earlier stages.
    public var symbols: [ScoreSymbol] = []

    public init(queueID: QueueID, origin: IntakeOrigin, envelope: IntakeEnvelope) {
        self.queueID = queueID
        self.origin = origin
        self.envelope = envelope
    }

    /// The score so far.
    public var score: Double { symbols.reduce(0) { $0 + $1.weight } }
}

/// The envelope as stages see it and as the spool will record it.
public struct IntakeEnvelope: Sendable {
    /// The reverse path, "" for the null sender.
    public var sender: String
    /// RCPT TO addresses, in order (hidden copies have none).
    public var recipients: [String]
    public var deliveries: [SpoolDelivery]
    public var clientAddress: String?
    public var heloName: String?
    public var authenticatedUser: String?
    public var tlsVersion: String?
    public var dsnReturn: String?
    public var envelopeID: String?
    public var smtpUTF8: Bool
    public var bodyType: String?
    public var hopCount: Int
    /// The listener it came in on (`smtp`, `submission`, `smtps`), nil when not SMTP.
    public var listener: String?

    public init(sender: String, recipients: [String], deliveries: [SpoolDelivery], clientAddress: String? = nil,
                heloName: String? = nil, authenticatedUser: String? = nil, tlsVersion: String? = nil,
                dsnReturn: String? = nil, envelopeID: String? = nil, smtpUTF8: Bool = false, bodyType: String? = nil,
                hopCount: Int = 0, listener: String? = nil) {
        self.listener = listener
        self.sender = sender
        self.recipients = recipients
        self.deliveries = deliveries
        self.clientAddress = clientAddress
        self.heloName = heloName
        self.authenticatedUser = authenticatedUser
        self.tlsVersion = tlsVersion
        self.dsnReturn = dsnReturn
        self.envelopeID = envelopeID
        self.smtpUTF8 = smtpUTF8
        self.bodyType = bodyType
        self.hopCount = hopCount
    }
}
