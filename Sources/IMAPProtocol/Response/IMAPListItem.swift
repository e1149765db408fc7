/// A LIST or LSUB line.
public struct IMAPListItem: Hashable, Sendable {
    /// `\HasNoChildren`, `\Noselect`, `\Sent`, `\Subscribed`…
    public var attributes: [String]
    /// Nil only for a flat namespace; Postino uses "/".
    public var delimiter: Character?
    public var name: IMAPMailboxName
    /// CHILDINFO extended data (RFC 5258 §4): e.g. ["SUBSCRIBED"].
    public var childInfo: [String]?
    /// OLDNAME extended data (RFC 9051 §7.3.1).
    public var oldName: IMAPMailboxName?

    public init(attributes: [String], delimiter: Character? = IMAPMailboxName.delimiter, name: IMAPMailboxName,
                childInfo: [String]? = nil, oldName: IMAPMailboxName? = nil) {
        self.attributes = attributes
        self.delimiter = delimiter
        self.name = name
        self.childInfo = childInfo
        self.oldName = oldName
    }
}
