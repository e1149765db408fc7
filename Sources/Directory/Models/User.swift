import Foundation
import MailCore

/// A mailbox owner who can log in.
public struct User: Sendable, Hashable {
    /// Lowercased; also the local part valid at every local domain.
    public var name: String
    public var isAdministrator: Bool
    public var imapEnabled: Bool
    public var pop3Enabled: Bool
    /// SMTP AUTH on submission (587/465) and, when allowed, on port 25.
    public var smtpAuthEnabled: Bool
    /// Where mail to the user is forwarded; empty = no forward.
    public var forwards: [EmailAddress]
    /// With forwards: also keep a copy in the user's own mailbox.
    public var keepCopy: Bool
    /// nil = the `quota.default` setting; 0 = unlimited; otherwise bytes.
    public var quota: Int64?
    /// Usage summary in bytes, maintained by the mail store.
    public var quotaUsedBytes: Int64
    /// nil = the `spam.retention_days` setting.
    public var spamRetentionDays: Int?
    /// False when the user has no password (no login possible).
    public var hasPassword: Bool
    public var createdAt: Date

    public init(name: String, isAdministrator: Bool = false, imapEnabled: Bool = true, pop3Enabled: Bool = true,
                smtpAuthEnabled: Bool = true, forwards: [EmailAddress] = [], keepCopy: Bool = false,
                quota: Int64? = nil, quotaUsedBytes: Int64 = 0, spamRetentionDays: Int? = nil,
                hasPassword: Bool = true, createdAt: Date = Date()) {
        self.name = name
        self.isAdministrator = isAdministrator
        self.imapEnabled = imapEnabled
        self.pop3Enabled = pop3Enabled
        self.smtpAuthEnabled = smtpAuthEnabled
        self.forwards = forwards
        self.keepCopy = keepCopy
        self.quota = quota
        self.quotaUsedBytes = quotaUsedBytes
        self.spamRetentionDays = spamRetentionDays
        self.hasPassword = hasPassword
        self.createdAt = createdAt
    }

    /// The quota that applies, given the `quota.default` setting: nil = unlimited.
    public func effectiveQuota(defaultQuota: Int64) -> Int64? {
        let q = quota ?? defaultQuota
        return q > 0 ? q : nil
    }
}

/// How a password is given to `addUser` and `setPassword`.
public enum PasswordInput: Sendable, Equatable {
    /// Hashed with the scheme of `auth.password_scheme`.
    case plain(String)
    /// An existing crypt(3) hash, imported as it is: `$6$`, `$5$`, `$y$`, `$2b$`/`$2a$`/`$2y$`,
    /// `$1$`, optionally with Dovecot's `{SHA512-CRYPT}`-style prefix.
    case hash(String)
    /// No password: the user cannot log in (mail is still delivered).
    case none
}

/// Changes to a user; nil fields stay as they are. For the double optionals,
/// `.some(nil)` returns to the server default.
public struct UserUpdate: Sendable {
    public var imapEnabled: Bool?
    public var pop3Enabled: Bool?
    public var smtpAuthEnabled: Bool?
    public var isAdministrator: Bool?
    /// Replaces the whole forward list; `[]` removes forwarding.
    public var forwards: [EmailAddress]?
    public var keepCopy: Bool?
    /// `.some(nil)` = back to `quota.default`; `.some(0)` = unlimited; `.some(n)` = n bytes.
    public var quota: Int64??
    /// `.some(nil)` = back to `spam.retention_days`.
    public var spamRetentionDays: Int??
    public var quotaUsedBytes: Int64?

    public init(imapEnabled: Bool? = nil, pop3Enabled: Bool? = nil, smtpAuthEnabled: Bool? = nil,
                isAdministrator: Bool? = nil, forwards: [EmailAddress]? = nil, keepCopy: Bool? = nil,
                quota: Int64?? = nil, spamRetentionDays: Int?? = nil, quotaUsedBytes: Int64? = nil) {
        self.imapEnabled = imapEnabled
        self.pop3Enabled = pop3Enabled
        self.smtpAuthEnabled = smtpAuthEnabled
        self.isAdministrator = isAdministrator
        self.forwards = forwards
        self.keepCopy = keepCopy
        self.quota = quota
        self.spamRetentionDays = spamRetentionDays
        self.quotaUsedBytes = quotaUsedBytes
    }
}
