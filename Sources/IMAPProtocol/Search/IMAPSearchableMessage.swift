import MailCore

/// A message as SEARCH and SORT see it. The lead's store implements it over its index;
/// `content()` is called only when a criterion needs the header or body, at most once per
/// message and evaluation.
public protocol IMAPSearchableMessage {
    var sequenceNumber: UInt32 { get }
    var uid: UInt32 { get }
    /// Stored flags and keywords (not \Recent).
    var flags: Set<IMAPFlag> { get }
    /// \Recent for this session.
    var isRecent: Bool { get }
    var internalDate: IMAPDateTime { get }
    /// RFC822.SIZE.
    var size: UInt64 { get }
    var modSeq: UInt64 { get }
    /// The parsed message, or nil if it cannot be read (it then matches no content key).
    func content() -> Message?
    /// The decoded values of a header field when they are known without reading the
    /// message (an index), nil when the message must be read.
    func knownHeaderValues(named field: String) -> [String]?
}

extension IMAPSearchableMessage {
    public func knownHeaderValues(named field: String) -> [String]? { nil }
}

/// What the criteria are resolved against.
public struct IMAPSearchContext: Hashable, Sendable {
    /// Messages in the mailbox: `*` in a sequence set.
    public var messageCount: UInt32
    /// The largest UID (UIDNEXT-1 when empty): `*` in a UID set.
    public var largestUID: UInt32
    /// Now, for OLDER/YOUNGER (RFC 5032).
    public var now: Int64

    public init(messageCount: UInt32, largestUID: UInt32, now: Int64) {
        self.messageCount = messageCount
        self.largestUID = largestUID
        self.now = now
    }
}
