import MailCore

/// One accepted RCPT TO with its DSN parameters (RFC 3461 §4.1, §4.2).
public struct SMTPRecipient: Hashable, Sendable {
    /// The forward-path without any source route (RFC 5321 §3.6.1): `<@a:user@b>` is
    /// `<user@b>` here.
    public var path: SMTPPath
    public var notify: DSNNotify?
    public var originalRecipient: DSNOriginalRecipient?

    public init(path: SMTPPath, notify: DSNNotify? = nil, originalRecipient: DSNOriginalRecipient? = nil) {
        self.path = path
        self.notify = notify
        self.originalRecipient = originalRecipient
    }
}
