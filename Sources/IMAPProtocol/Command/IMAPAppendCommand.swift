/// APPEND (RFC 3501 §6.3.11; `~{n}` literal8 from RFC 3516).
public struct IMAPAppendCommand: Hashable, Sendable {
    public var mailbox: IMAPMailboxName
    public var flags: [IMAPFlag]
    public var internalDate: IMAPDateTime?
    /// The message, a slice of the command frame (not copied).
    public var message: ArraySlice<UInt8>
    /// Sent as a binary literal: it may contain NUL and bare CR/LF.
    public var isBinary: Bool

    public init(mailbox: IMAPMailboxName, flags: [IMAPFlag], internalDate: IMAPDateTime?,
                message: ArraySlice<UInt8>, isBinary: Bool) {
        self.mailbox = mailbox
        self.flags = flags
        self.internalDate = internalDate
        self.message = message
        self.isBinary = isBinary
    }
}
