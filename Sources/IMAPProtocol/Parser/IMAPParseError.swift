/// A command that could not be parsed: the session answers with `response`.
public struct IMAPParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The tag, when one could be read (otherwise the answer is an untagged BAD).
    public let tag: String?
    /// Plain ASCII words saying what is wrong.
    public let message: String
    /// A response code to send with it (`BADCHARSET` for an unsupported charset).
    public let code: IMAPResponseCode?

    public init(tag: String?, message: String, code: IMAPResponseCode? = nil) {
        self.tag = tag
        self.message = message
        self.code = code
    }

    public var description: String { message }

    /// `tag BAD text`, `tag NO [BADCHARSET (…)] text` (RFC 3501 §6.4.4), or `* BAD text`
    /// without a tag.
    public var response: IMAPResponse {
        guard let tag else { return .untagged(.condition(.bad, code: nil, text: message)) }
        if case .badCharset = code { return .tagged(tag, .no, code: code, text: message) }
        return .tagged(tag, .bad, code: code, text: message)
    }
}

/// The error the parsing functions throw; the tag is added at the top.
struct IMAPParseFailure: Error {
    let message: String
    let code: IMAPResponseCode?

    init(_ message: String, code: IMAPResponseCode? = nil) {
        self.message = message
        self.code = code
    }
}
