/// Every setting the server knows, with its type, default and a one-line explanation.
/// A new setting is a new case here (and, if it needs one, a typed accessor).
public enum SettingKey: String, Sendable, CaseIterable {
    case serverHostname = "server.hostname"
    case maxMessageSize = "smtp.max_message_size"
    case heloName = "smtp.helo_name"
    case maxRecipients = "smtp.max_recipients"
    case relayIPs = "smtp.relay_ips"
    case relayTrustedNetworks = "smtp.relay_trusted_networks"
    case trustedNetworks = "smtp.trusted_networks"
    case authOnPort25 = "smtp.auth_on_port25"
    case enforceSenderLoginMatch = "smtp.enforce_sender_login_match"
    case outboundPort = "smtp.outbound_port"
    case allowUnencrypted = "mail.allow_unencrypted"
    case copyAllTo = "mail.copy_all_to"
    case groupAddresses = "groups.addresses"
    case passwordScheme = "auth.password_scheme"
    case imapEnabled = "imap.enabled"
    case imapMasterUser = "imap.master_user"
    case imapSharedSeen = "imap.shared_seen"
    case imapTrashDeleted = "imap.trash_deleted"
    case imapMaxConnectionsPerIP = "imap.max_connections_per_ip"
    case imapLogActions = "imap.log_actions"
    case pop3Enabled = "pop3.enabled"
    case defaultQuota = "quota.default"
    case spamRetentionDays = "spam.retention_days"
    case sieveSpamToJunk = "sieve.spam_to_junk"
    case queueLifetime = "queue.lifetime"
    case queueDelayWarning = "queue.delay_warning"
    case dnsNameserver = "dns.nameserver"
    case tlsCertificate = "tls.certificate"
    case tlsKey = "tls.key"

    public var type: SettingType {
        switch self {
        case .serverHostname: return .hostname(optional: false)
        case .maxMessageSize: return .size
        case .heloName: return .hostname(optional: true)
        case .maxRecipients: return .integer(1...100_000)
        case .relayIPs, .trustedNetworks: return .networks
        case .relayTrustedNetworks, .authOnPort25, .enforceSenderLoginMatch, .allowUnencrypted,
             .groupAddresses, .imapEnabled, .imapMasterUser, .imapSharedSeen, .imapTrashDeleted,
             .imapLogActions, .pop3Enabled, .sieveSpamToJunk:
            return .bool
        case .outboundPort: return .integer(1...65_535)
        case .copyAllTo: return .address(optional: true)
        case .passwordScheme: return .choice(PasswordScheme.allCases.map(\.rawValue))
        case .imapMaxConnectionsPerIP: return .integer(1...10_000)
        case .defaultQuota: return .size
        case .spamRetentionDays: return .integer(SettingKey.spamRetentionRange)
        case .queueLifetime, .queueDelayWarning: return .duration
        case .dnsNameserver: return .endpoints
        case .tlsCertificate, .tlsKey: return .string
        }
    }

    /// Days of spam retention allowed, globally and per user; 0 = never expunge.
    public static let spamRetentionRange: ClosedRange<Int64> = 0...3650

    public var defaultValue: String {
        switch self {
        case .serverHostname: return HostIdentity.fullyQualifiedName
        case .maxMessageSize: return "20M"
        case .heloName: return ""
        case .maxRecipients: return "1000"
        case .relayIPs: return ""
        case .relayTrustedNetworks: return "false"
        case .trustedNetworks: return "127.0.0.0/8, ::1/128"
        case .authOnPort25: return "false"
        case .enforceSenderLoginMatch: return "false"
        case .outboundPort: return "25"
        case .allowUnencrypted: return "false"
        case .copyAllTo: return ""
        case .groupAddresses: return "false"
        case .passwordScheme: return PasswordScheme.sha512Crypt.rawValue
        case .imapEnabled: return "true"
        case .imapMasterUser: return "false"
        case .imapSharedSeen: return "false"
        case .imapTrashDeleted: return "false"
        case .imapMaxConnectionsPerIP: return "10"
        case .imapLogActions: return "false"
        case .pop3Enabled: return "true"
        case .defaultQuota: return "0"
        case .spamRetentionDays: return "15"
        case .sieveSpamToJunk: return "true"
        case .queueLifetime: return "4d"
        case .queueDelayWarning: return "4h"
        case .dnsNameserver: return ""
        case .tlsCertificate: return ""
        case .tlsKey: return ""
        }
    }

    public var doc: String {
        switch self {
        case .serverHostname: return "Name of this server in SMTP greetings, Received headers and the self-signed certificate."
        case .maxMessageSize: return "Largest message accepted (announced with SMTP SIZE); larger ones get 552."
        case .heloName: return "Name sent in EHLO to other servers; empty = server.hostname."
        case .maxRecipients: return "Most recipients accepted in one SMTP transaction."
        case .relayIPs: return "Clients that may relay without authentication; they also skip filtering."
        case .relayTrustedNetworks: return "Let clients in smtp.trusted_networks relay without authentication."
        case .trustedNetworks: return "Local networks: their clients are local senders (may write to internal addresses)."
        case .authOnPort25: return "Offer SMTP AUTH on port 25 as well as 587 and 465."
        case .enforceSenderLoginMatch: return "Authenticated users may only send as addresses that deliver to them."
        case .outboundPort: return "Port of remote servers for outbound delivery (change only for tests)."
        case .allowUnencrypted: return "Allow password logins (SMTP AUTH, IMAP LOGIN, POP3 USER/PASS) without TLS."
        case .copyAllTo: return "Hidden copy of every message passing through the server; empty = off."
        case .groupAddresses: return "Give every group the address group@domain (each group can turn its own off)."
        case .passwordScheme: return "crypt(3) scheme for new passwords."
        case .imapEnabled: return "Serve IMAP on ports 143 and 993."
        case .imapMasterUser: return "Let the administrator log in as any user with USER*admin and the administrator's password."
        case .imapSharedSeen: return "One \\Seen flag shared by everybody in shared mailboxes."
        case .imapTrashDeleted: return "Move messages flagged \\Deleted to Trash instead of expunging them (for Outlook)."
        case .imapMaxConnectionsPerIP: return "Most simultaneous IMAP connections of one user from one IP address."
        case .imapLogActions: return "Log in the access log who did what to which message over IMAP."
        case .pop3Enabled: return "Serve POP3 on ports 110 and 995."
        case .defaultQuota: return "Mailbox quota of users without their own; 0 = unlimited."
        case .spamRetentionDays: return "Days spam stays in Junk before it is expunged; 0 = never."
        case .sieveSpamToJunk: return "System Sieve script, run before the users' ones: spam (X-Spam: Yes) goes to Junk."
        case .queueLifetime: return "How long a message that cannot be delivered is retried before it bounces."
        case .queueDelayWarning: return "Tell the sender when a message is still queued after this long; 0s = never."
        case .dnsNameserver: return "DNS servers as IP[:port]; empty = those of /etc/resolv.conf."
        case .tlsCertificate: return "PEM certificate chain file; empty = a self-signed certificate in tls/."
        case .tlsKey: return "PEM private key file; empty = the self-signed key in tls/."
        }
    }
}

/// One row of `SettingsStore.list()`.
public struct SettingEntry: Sendable, Equatable {
    public var key: String
    public var value: String
    public var defaultValue: String
    public var type: SettingType
    public var doc: String
    /// True when the administrator never set it (or reset it).
    public var isDefault: Bool
}
