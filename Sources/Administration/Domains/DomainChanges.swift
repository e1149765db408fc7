import MailCore

/// Changes to a domain; nil fields stay as they are. For the double optionals,
/// `.some(nil)` clears the value.
public struct DomainChanges: Sendable, Hashable {
    public var catchAll: EmailAddress??
    public var copyTo: EmailAddress??
    public var dkim: Bool?
    /// Markdown text appended to outgoing mail.
    public var disclaimer: String??

    public init(catchAll: EmailAddress?? = nil, copyTo: EmailAddress?? = nil, dkim: Bool? = nil, disclaimer: String?? = nil) {
        self.catchAll = catchAll
        self.copyTo = copyTo
        self.dkim = dkim
        self.disclaimer = disclaimer
    }
}
