/// A command the reader refused before it was complete. The reader has already arranged
/// to skip what remains of it; the session only answers with `response`.
public struct IMAPFramingError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// A line longer than `maximumLineLength`.
        case lineTooLong(limit: Int)
        /// A literal larger than the limit for this command (`size` nil: beyond 2^63).
        case literalTooLarge(size: UInt64?, limit: Int)
        /// Lines and literals together exceed `maximumCommandSize`.
        case commandTooLarge(limit: Int)
    }

    public let kind: Kind
    /// The command's tag when it could be read.
    public let tag: String?
    /// The command name (upper case, "UID FETCH" for UID commands) when it could be read.
    public let command: String?
    /// Octets of a refused non-synchronizing literal that the reader discards by counting
    /// (never buffering them). A session may prefer to close the connection (BYE) when this
    /// is huge (RFC 7888 §4).
    public let octetsToDiscard: UInt64?

    public init(kind: Kind, tag: String?, command: String?, octetsToDiscard: UInt64? = nil) {
        self.kind = kind
        self.tag = tag
        self.command = command
        self.octetsToDiscard = octetsToDiscard
    }

    /// Plain ASCII words for the response text.
    public var description: String {
        switch kind {
        case .lineTooLong(let limit): return "Line too long (the limit is \(limit) octets)"
        case .literalTooLarge(let size, let limit):
            return "Literal too large (\(size.map(String.init) ?? "too many") octets; the limit is \(limit))"
        case .commandTooLarge(let limit): return "Command too large (the limit is \(limit) octets)"
        }
    }

    /// The answer: `NO [TOOBIG]` for an APPEND whose message is too large (RFC 7889 §4),
    /// `BAD` otherwise; untagged `BAD` when no tag could be read.
    public var response: IMAPResponse {
        guard let tag else { return .untagged(.condition(.bad, code: nil, text: description)) }
        if command == "APPEND", case .literalTooLarge = kind {
            return .tagged(tag, .no, code: .tooBig, text: description)
        }
        if command == "APPEND", case .commandTooLarge = kind {
            return .tagged(tag, .no, code: .tooBig, text: description)
        }
        return .tagged(tag, .bad, code: nil, text: description)
    }
}
