/// APPEND (RFC 3501 §6.3.11; `~{n}` literal8 from RFC 3516; several messages with
/// MULTIAPPEND, RFC 3502). The first message's fields are the command's own; `additional`
/// holds the others.
public struct IMAPAppendCommand: Hashable, Sendable {
    /// One message of a MULTIAPPEND.
    public struct Part: Hashable, Sendable {
        public var flags: [IMAPFlag]
        public var internalDate: IMAPDateTime?
        public var message: ArraySlice<UInt8>
        public var isBinary: Bool

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

    /// Every message, in order.
    public var parts: [Part] {
        [Part(flags: flags, internalDate: internalDate, message: message, isBinary: isBinary)] + additional
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
