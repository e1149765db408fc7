import Directory

/// A user as `user list --json` and `GET /api/v1/users` show them.
public struct UserRow: Codable, Sendable, Hashable {
    public var name: String
    public var administrator: Bool
    public var imap: Bool
    public var pop3: Bool
    public var smtp_auth: Bool
    public var forwards: [String]
    public var keep_copy: Bool
    /// The quota that applies, in bytes; null = unlimited.
    public var quota: Int64?
    /// Bytes stored.
    public var quota_used: Int64
    /// The retention that applies (the user's, else `spam.retention_days`).
    public var spam_retention_days: Int
    public var has_password: Bool

    public init(name: String, administrator: Bool = false, imap: Bool = true, pop3: Bool = true, smtp_auth: Bool = true,
                forwards: [String] = [], keep_copy: Bool = false, quota: Int64? = nil, quota_used: Int64 = 0,
                spam_retention_days: Int = 0, has_password: Bool = false) {
        self.name = name
        self.administrator = administrator
        self.imap = imap
        self.pop3 = pop3
        self.smtp_auth = smtp_auth
        self.forwards = forwards
        self.keep_copy = keep_copy
        self.quota = quota
        self.quota_used = quota_used
        self.spam_retention_days = spam_retention_days
        self.has_password = has_password
    }

    /// The row of `u` with its usage, and the server defaults that apply to what the user leaves unset.
    init(_ u: User, used: Int64, defaultQuota: Int64, defaultRetention: Int) {
        self.init(name: u.name, administrator: u.isAdministrator, imap: u.imapEnabled, pop3: u.pop3Enabled,
                  smtp_auth: u.smtpAuthEnabled, forwards: u.forwards.map(\.description), keep_copy: u.keepCopy,
                  quota: u.effectiveQuota(defaultQuota: defaultQuota), quota_used: used,
                  spam_retention_days: u.spamRetentionDays ?? defaultRetention, has_password: u.hasPassword)
    }
}
