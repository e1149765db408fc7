/// A domain's legal disclaimer (SPEC §1): Markdown source and its two renderings.
public struct Disclaimer: Sendable, Hashable {
    public let markdown: String
    /// For text/plain parts; LF line ends.
    public let plainText: String
    /// For text/html parts: an ASCII-only fragment.
    public let html: String

    public init(markdown: String) {
        let document = MarkdownDocument(parsing: markdown)
        self.markdown = markdown
        self.plainText = document.plainText
        self.html = document.html
    }

    public var isEmpty: Bool { plainText.allSatisfy(\.isWhitespace) }
}

/// What adding a disclaimer did.
public enum DisclaimerOutcome: Sendable, Hashable {
    /// The new message and the IMAP part numbers of the parts that received the text
    /// ("1" for the body of a message that is not multipart).
    case inserted([UInt8], parts: [String])
    /// The message was left exactly as it was.
    case unchanged(DisclaimerSkipReason)
}

/// Why a message was left alone.
public enum DisclaimerSkipReason: Error, Sendable, Hashable, CustomStringConvertible {
    /// Adding text would break a signature: multipart/signed, S/MIME signed-data.
    case signed(String)
    /// Encrypted content cannot be extended: multipart/encrypted, S/MIME enveloped-data.
    case encrypted(String)
    /// A text part holds inline PGP (`-----BEGIN PGP …`).
    case inlinePGP
    /// The message already carries a DKIM-Signature that the change would break.
    case dkimSigned
    /// No text/plain, text/html or text/enriched body to extend (only attachments, or other types).
    case noTextBody
    /// The body's charset is unknown and the disclaimer is not ASCII.
    case unsupportedCharset(String)
    /// The body's transfer encoding is not one we can re-encode (e.g. uuencode).
    case unsupportedTransferEncoding(String)
    /// The disclaimer renders to nothing.
    case emptyDisclaimer

    public var description: String {
        switch self {
        case .signed(let type): return "the message is signed (\(type))"
        case .encrypted(let type): return "the message is encrypted (\(type))"
        case .inlinePGP: return "the message contains inline PGP"
        case .dkimSigned: return "the message already has a DKIM signature"
        case .noTextBody: return "the message has no text body to extend"
        case .unsupportedCharset(let c): return "the body's charset \(c) is not supported"
        case .unsupportedTransferEncoding(let e): return "the body's transfer encoding \(e) is not supported"
        case .emptyDisclaimer: return "the disclaimer is empty"
        }
    }
}
