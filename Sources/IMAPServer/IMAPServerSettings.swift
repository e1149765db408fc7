import Directory

/// The administrator's settings an IMAP connection needs, read once when it opens.
struct IMAPServerSettings: Sendable {
    var hostname: String
    var allowUnencrypted: Bool
    var sharedSeen: Bool
    var trashDeleted: Bool
    var maxConnectionsPerIP: Int
    var logActions: Bool
    /// APPENDLIMIT (RFC 7889): the largest message SMTP accepts.
    var appendLimit: Int
    /// `imap.public_creators`: the group whose members may CREATE top-level public
    /// mailboxes; empty: administrators only.
    var publicCreators: String = ""

    static func load(_ settings: SettingsStore) throws -> IMAPServerSettings {
        IMAPServerSettings(
            hostname: try settings.string(.serverHostname),
            allowUnencrypted: try settings.bool(.allowUnencrypted),
            sharedSeen: try settings.bool(.imapSharedSeen),
            trashDeleted: try settings.bool(.imapTrashDeleted),
            maxConnectionsPerIP: try settings.int(.imapMaxConnectionsPerIP),
            logActions: try settings.bool(.imapLogActions),
            appendLimit: Int(clamping: try settings.size(.maxMessageSize)),
            publicCreators: try settings.string(.imapPublicCreators))
    }
}
