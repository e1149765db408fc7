import Directory
import MailCore

/// Changes to a domain; nil fields stay as they are. For the double optionals,
/// `.some(nil)` clears the value.
public struct DomainChanges: Sendable, Hashable {
    public var catchAll: EmailAddress??
    public var copyTo: EmailAddress??
    public var dkim: Bool?
    /// Markdown text appended to outgoing mail.
    public var disclaimer: String??
    /// `.some(target)` makes it a relay domain (or changes its host or TLS); `.some(nil)`
    /// makes it deliver locally again.
    public var relay: RelayTarget??

    public init(catchAll: EmailAddress?? = nil, copyTo: EmailAddress?? = nil, dkim: Bool? = nil, disclaimer: String?? = nil) {
        self.catchAll = catchAll
        self.copyTo = copyTo
        self.dkim = dkim
        self.disclaimer = disclaimer
    }
}
