/// Bounds on what one command may make the reader hold in memory.
public struct IMAPReaderLimits: Hashable, Sendable {
    /// Longest line of a command, CRLF included (the text between literals counts as lines).
    public var maximumLineLength: Int
    /// Largest literal outside APPEND (a password, a SEARCH string, a mailbox name…).
    public var maximumLiteralSize: Int
    /// Largest message literal of APPEND: the server's APPENDLIMIT (RFC 7889).
    public var maximumAppendSize: Int
    /// Largest command, lines and literals together; APPEND may exceed it by
    /// `maximumAppendSize`.
    public var maximumCommandSize: Int

    public init(maximumLineLength: Int = 65_536, maximumLiteralSize: Int = 65_536,
                maximumAppendSize: Int = 50 * 1024 * 1024, maximumCommandSize: Int = 1024 * 1024) {
        // Clamped so that sums of limits can never overflow.
        let ceiling = 1 << 40
        self.maximumLineLength = min(ceiling, max(64, maximumLineLength))
        self.maximumLiteralSize = min(ceiling, max(0, maximumLiteralSize))
        self.maximumAppendSize = min(ceiling, max(0, maximumAppendSize))
        self.maximumCommandSize = min(ceiling, max(64, maximumCommandSize))
    }

    public static let `default` = IMAPReaderLimits()
}
