/// APPEND (RFC 3501 §6.3.11; `~{n}` literal8 from RFC 3516; several messages with
/// MULTIAPPEND, RFC 3502). The first message's fields are the command's own; `additional`
/// holds the others.
public struct IMAPAppendCommand: Hashable, Sendable {
    /// One piece of a CATENATE message (RFC 4469 §5): text, or an IMAP URL of (a part of)
    /// a message on this server.
    public enum CatenatePart: Hashable, Sendable {
        case text(ArraySlice<UInt8>)
        /// Text the reader spilled (see `spilledFiles`).
        case spilledText(IMAPSpilledLiteral)
        case url(String)
    }

    /// One message of a MULTIAPPEND.
    public struct Part: Hashable, Sendable {
        public var flags: [IMAPFlag]
        public var internalDate: IMAPDateTime?
        public var message: ArraySlice<UInt8>
        public var isBinary: Bool
        /// RFC 4469: the message is built from these pieces (`message` is then empty).
        public var catenate: [CatenatePart]?
        /// The message was spilled by the reader (`message` is then empty).
        public var spilled: IMAPSpilledLiteral?

        public init(flags: [IMAPFlag], internalDate: IMAPDateTime?, message: ArraySlice<UInt8>, isBinary: Bool) {
            self.flags = flags
            self.internalDate = internalDate
            self.message = message
            self.isBinary = isBinary
        }
    }

    public var mailbox: IMAPMailboxName
    public var flags: [IMAPFlag]
    public var internalDate: IMAPDateTime?
    /// The message, a slice of the command frame (not copied).
    public var message: ArraySlice<UInt8>
    /// Sent as a binary literal: it may contain NUL and bare CR/LF.
    public var isBinary: Bool
    /// The second and later messages of a MULTIAPPEND (RFC 3502 §6.3.11).
    public var additional: [Part] = []
    /// The first message's CATENATE pieces (RFC 4469).
    public var catenate: [CatenatePart]?
    /// The first message, when the reader spilled it.
    public var spilled: IMAPSpilledLiteral?
    /// Where the server wrote the command's spilled literals, by `IMAPSpilledLiteral.index`
    /// (the parser leaves it empty; the server's I/O layer fills it in).
    public var spilledFiles: [String] = []

    /// Every message, in order.
    public var parts: [Part] {
        var first = Part(flags: flags, internalDate: internalDate, message: message, isBinary: isBinary)
        first.catenate = catenate
        first.spilled = spilled
        return [first] + additional
    }

    public init(mailbox: IMAPMailboxName, flags: [IMAPFlag], internalDate: IMAPDateTime?,
                message: ArraySlice<UInt8>, isBinary: Bool) {
        self.mailbox = mailbox
        self.flags = flags
        self.internalDate = internalDate
        self.message = message
        self.isBinary = isBinary
    }
}
