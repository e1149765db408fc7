/// What a script asks delivery to do.
public enum SieveAction: Sendable, Hashable {
    /// Store in the default mailbox (INBOX), with these IMAP flags.
    case keep(flags: [String])
    /// Store in `mailbox` (RFC 5228 §4.1); `create`: make the mailbox if missing (RFC 5490).
    /// `copy` only records that :copy was given (RFC 3894): it does not cancel the implicit keep.
    case fileinto(mailbox: String, flags: [String], copy: Bool, create: Bool)
    /// Forward to `address` (RFC 5228 §4.2).
    case redirect(address: String, copy: Bool)
    /// Refuse the message with `reason` (RFC 5429): `extended` (ereject) asks for an SMTP-level
    /// refusal when still possible, else a DSN/MDN.
    case reject(reason: String, extended: Bool)
    /// Explicit discard (RFC 5228 §4.4): only cancels the implicit keep.
    case discard
    /// Send an auto-reply (RFC 5230), subject to the caller's duplicate suppression.
    case vacation(SieveVacationResponse)

    /// True for actions that store the message.
    var isStore: Bool {
        switch self {
        case .keep, .fileinto: return true
        default: return false
        }
    }
}

/// A vacation reply to send (RFC 5230 §4 and §5). Whether the same sender already got one
/// within `periodSeconds` for this `handle` is for the delivery layer to check and record.
public struct SieveVacationResponse: Sendable, Hashable {
    public enum Body: Sendable, Hashable {
        /// Plain text (UTF-8).
        case text(String)
        /// A MIME entity, header included (:mime, RFC 5230 §4.8).
        case mime(String)
    }

    /// Where the reply goes: the envelope sender of the message.
    public var recipient: String
    /// The From of the reply: :from, else nil (use the user's address).
    public var from: String?
    public var subject: String
    public var body: Body
    public var periodSeconds: Int
    public var handle: String
    /// The Message-ID of the message replied to, for In-Reply-To and References.
    public var inReplyTo: String?
}

/// A duplicate-tracking record to store once the delivery succeeded (RFC 7352 §3).
public struct SieveDuplicateMark: Sendable, Hashable {
    public var key: SieveDuplicateKey
    /// How long to remember it.
    public var seconds: Int
    /// :last — the expiry restarts from this delivery even when already known.
    public var last: Bool
}

/// What `duplicate` asks about: a unique id within a handle (RFC 7352 §3).
public struct SieveDuplicateKey: Sendable, Hashable {
    public var handle: String
    public var uniqueID: String
}

/// A runtime failure: delivery must fall back to keeping the message in INBOX
/// (RFC 5228 §2.10.6).
public struct SieveRuntimeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var script: String
    public var location: SieveSourceLocation
    public var message: String

    public init(script: String, location: SieveSourceLocation, message: String) {
        self.script = script
        self.location = location
        self.message = message
    }

    public var description: String { "\(script): \(location): \(message)" }
}
