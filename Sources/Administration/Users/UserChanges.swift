import MailCore

/// Changes to a user; nil fields stay as they are.
public struct UserChanges: Sendable, Hashable {
    public var imap: Bool?
    public var pop3: Bool?
    public var smtpAuth: Bool?
    public var administrator: Bool?
    /// Replaces the whole forward list; `[]` stops forwarding.
    public var forwards: [EmailAddress]?
    /// With forwards: also keep a copy in the user's own mailbox.
    public var keepCopy: Bool?
    public var quota: Quota?
    /// `.some(nil)` = back to `spam.retention_days`.
    public var spamRetentionDays: Int??

    public init(imap: Bool? = nil, pop3: Bool? = nil, smtpAuth: Bool? = nil, administrator: Bool? = nil,
                forwards: [EmailAddress]? = nil, keepCopy: Bool? = nil, quota: Quota? = nil, spamRetentionDays: Int?? = nil) {
        self.imap = imap
        self.pop3 = pop3
        self.smtpAuth = smtpAuth
        self.administrator = administrator
        self.forwards = forwards
        self.keepCopy = keepCopy
        self.quota = quota
        self.spamRetentionDays = spamRetentionDays
    }
}

/// How a new user's password is given.
public enum NewPassword: Sendable, Hashable {
    /// None yet: the user cannot log in until one is set (mail is still delivered).
    case none
    /// Hashed with the scheme of `auth.password_scheme`.
    case plain(String)
    /// An existing crypt(3) hash (`$6$`, `$y$`, `$2b$`…), imported as it is.
    case hash(String)
}
