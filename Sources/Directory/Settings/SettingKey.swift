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
    case connectorsMaxParallel = "connectors.max_parallel"
    case imapLogActions = "imap.log_actions"
    case imapPublicCreators = "imap.public_creators"
    case pop3Enabled = "pop3.enabled"
    case defaultQuota = "quota.default"
    case spamRetentionDays = "spam.retention_days"
    case sieveSpamToJunk = "sieve.spam_to_junk"
    case sieveVacationMinDays = "sieve.vacation_min_days"
    case sieveVacationMaxDays = "sieve.vacation_max_days"
    case sieveVacationMinSeconds = "sieve.vacation_min_seconds"
    case sieveVacationMaxSeconds = "sieve.vacation_max_seconds"
    case sieveRegexMaxPatternLength = "sieve.regex_max_pattern_length"
    case sieveRegexMaxInputLength = "sieve.regex_max_input_length"
    case queueLifetime = "queue.lifetime"
    case queueDelayWarning = "queue.delay_warning"
    case dnsNameserver = "dns.nameserver"
    case tlsCertificate = "tls.certificate"
    case tlsKey = "tls.key"
    case spamEnabled = "filter.spam.enabled"
    case spamGreylistScore = "filter.spam.greylist"
    case spamFlagScore = "filter.spam.flag"
    case spamDenyScore = "filter.spam.deny"
    case spamSubjectPrefix = "filter.spam.subject_prefix"
    case bayesMinSpam = "filter.bayes.min_spam"
    case bayesMinHam = "filter.bayes.min_ham"
    case spamDNSBL = "filter.spam.dnsbl"
    case spamURIBL = "filter.spam.uribl"
    case greylistEnabled = "filter.greylist.enabled"
    case greylistDelay = "filter.greylist.delay"
    case filterAttachmentsEnabled = "filter.attachments.enabled"
    case filterAttachmentsBlock = "filter.attachments.block"
    case filterAttachmentsExtensions = "filter.attachments.extensions"
    case filterAntivirusEnabled = "filter.antivirus.enabled"
    case filterAntivirusClamd = "filter.antivirus.clamd"
    case filterAntivirusMaxSize = "filter.antivirus.max_size"
    case filterAntivirusOnError = "filter.antivirus.on_error"
    case filterTimeBudget = "filter.time_budget"
    case filterQuarantineEnabled = "filter.quarantine.enabled"
    case filterQuarantineMailbox = "filter.quarantine.mailbox"
    case filterQuarantineNotify = "filter.quarantine.notify"
    case mailauthDMARCEnforce = "mailauth.dmarc.enforce"
    case authPenaltyInitial = "auth.penalty_initial"
    case authPenaltyMax = "auth.penalty_max"
    case authPenaltyForget = "auth.penalty_forget"
    case authBlockAfter = "auth.block_after"
    case connectionsPerIP = "limits.connections_per_ip"
    case connectionRatePerIP = "limits.connection_rate_per_ip"
    case adminTLS = "admin.tls"
    case logEventsDays = "log.events_days"
    case logRotateSize = "log.rotate_size"
    case logKeep = "log.keep"

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
        // RFC 5230 §4.1: the minimum is above 0, the maximum above 7 days.
        case .sieveVacationMinDays: return .integer(1...3650)
        case .sieveVacationMaxDays: return .integer(8...3650)
        case .sieveVacationMinSeconds: return .integer(0...315_360_000)
        case .sieveVacationMaxSeconds: return .integer(1...315_360_000)
        case .sieveRegexMaxPatternLength: return .integer(16...65_536)
        case .sieveRegexMaxInputLength: return .integer(1024...16_777_216)
        case .copyAllTo: return .address(optional: true)
        case .passwordScheme: return .choice(PasswordScheme.allCases.map(\.rawValue))
        case .imapMaxConnectionsPerIP: return .integer(1...10_000)
        case .connectorsMaxParallel: return .integer(1...64)
        case .defaultQuota: return .size
        case .spamRetentionDays: return .integer(SettingKey.spamRetentionRange)
        case .queueLifetime, .queueDelayWarning: return .duration
        case .dnsNameserver: return .endpoints
        case .tlsCertificate, .tlsKey: return .string
        case .spamEnabled: return .bool
        case .spamGreylistScore, .spamFlagScore, .spamDenyScore: return .integer(SettingKey.spamScoreRange)
        case .spamSubjectPrefix: return .string
        case .imapPublicCreators: return .string
        case .bayesMinSpam, .bayesMinHam: return .integer(0...1_000_000)
        case .spamDNSBL, .spamURIBL: return .string
        case .greylistEnabled: return .bool
        case .greylistDelay: return .duration
        case .filterAttachmentsEnabled, .filterAntivirusEnabled, .filterQuarantineEnabled, .filterQuarantineNotify:
            return .bool
        case .filterAttachmentsBlock: return .wordList(["executables", "archives", "macros"])
        case .filterAttachmentsExtensions, .filterAntivirusClamd, .filterQuarantineMailbox: return .string
        case .filterAntivirusMaxSize: return .size
        case .filterAntivirusOnError: return .choice(["tempfail", "accept"])
        case .filterTimeBudget: return .duration
        case .mailauthDMARCEnforce: return .choice(["off", "junk", "reject"])
        case .authPenaltyInitial, .authPenaltyMax, .authPenaltyForget: return .duration
        case .authBlockAfter: return .integer(0...1_000_000)
        case .connectionsPerIP: return .integer(1...100_000)
        case .connectionRatePerIP: return .integer(1...1_000_000)
        case .adminTLS: return .choice(["auto", "always"])
        case .logEventsDays: return .integer(1...3650)
        case .logRotateSize: return .size
        case .logKeep: return .integer(1...1000)
        }
    }

    /// Spam score thresholds allowed (whole points).
    public static let spamScoreRange: ClosedRange<Int64> = -1000...1000

    /// The spam thresholds must stay in order greylist < flag < deny: the problem with
    /// setting `key` to `value` (already normalized) given the current values, or nil.
    public static func orderProblem(setting key: SettingKey, to value: String,
                                    current: (SettingKey) throws(DirectoryError) -> String) throws(DirectoryError) -> String? {
        let order: [SettingKey] = [.spamGreylistScore, .spamFlagScore, .spamDenyScore]
        guard order.contains(key) else { return nil }
        var values: [Int64] = []
        for k in order { values.append(Int64(k == key ? value : try current(k)) ?? 0) }
        guard values[0] < values[1], values[1] < values[2] else {
            return "a value keeping filter.spam.greylist < filter.spam.flag < filter.spam.deny (now \(values[0]), \(values[1]), \(values[2]))"
        }
        return nil
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
        case .connectorsMaxParallel: return "4"
        case .imapLogActions: return "false"
        case .imapPublicCreators: return ""
        case .pop3Enabled: return "true"
        case .defaultQuota: return "0"
        case .spamRetentionDays: return "15"
        case .sieveSpamToJunk: return "true"
        case .sieveVacationMinDays: return "1"
        case .sieveVacationMaxDays: return "60"
        case .sieveVacationMinSeconds: return "86400"
        case .sieveVacationMaxSeconds: return "5184000"
        case .sieveRegexMaxPatternLength: return "1024"
        case .sieveRegexMaxInputLength: return "65536"
        case .queueLifetime: return "4d"
        case .queueDelayWarning: return "4h"
        case .dnsNameserver: return ""
        case .tlsCertificate: return ""
        case .tlsKey: return ""
        case .spamEnabled: return "true"
        case .spamGreylistScore: return "4"
        case .spamFlagScore: return "6"
        case .spamDenyScore: return "15"
        case .spamSubjectPrefix: return ""
        case .bayesMinSpam, .bayesMinHam: return "200"
        case .spamDNSBL: return "zen.spamhaus.org:127.0.0.2|127.0.0.3|127.0.0.4|127.0.0.9|127.0.0.10|127.0.0.11=4, bl.spamcop.net=2"
        case .spamURIBL: return "dbl.spamhaus.org=4, multi.uribl.com:127.0.0.2=3"
        case .greylistEnabled: return "true"
        case .greylistDelay: return "5m"
        case .filterAttachmentsEnabled: return "true"
        case .filterAttachmentsBlock: return "executables"
        case .filterAttachmentsExtensions: return ""
        case .filterAntivirusEnabled: return "false"
        case .filterAntivirusClamd: return ""
        case .filterAntivirusMaxSize: return "20M"
        case .filterAntivirusOnError: return "tempfail"
        case .filterTimeBudget: return "30s"
        case .filterQuarantineEnabled: return "false"
        case .filterQuarantineMailbox: return ""
        case .filterQuarantineNotify: return "false"
        case .mailauthDMARCEnforce: return "off"
        case .authPenaltyInitial: return "1s"
        case .authPenaltyMax: return "15s"
        case .authPenaltyForget: return "15m"
        case .authBlockAfter: return "0"
        case .connectionsPerIP: return "50"
        case .connectionRatePerIP: return "300"
        case .adminTLS: return "auto"
        case .logEventsDays: return "30"
        case .logRotateSize: return "100M"
        case .logKeep: return "14"
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
        case .connectorsMaxParallel: return "Most connector accounts fetched at the same time by serve."
        case .imapLogActions: return "Log in the access log who did what to which message over IMAP."
        case .imapPublicCreators: return "Group whose members may create top-level public mailboxes from IMAP (CREATE Public/NAME); empty: the administrator account and users with the admin flag."
        case .pop3Enabled: return "Serve POP3 on ports 110 and 995."
        case .defaultQuota: return "Mailbox quota of users without their own; 0 = unlimited."
        case .spamRetentionDays: return "Days spam stays in Junk before it is expunged; 0 = never."
        case .sieveSpamToJunk: return "System Sieve script, run before the users' ones: spam (X-Spam: Yes) goes to Junk."
        case .sieveVacationMinDays: return "Shortest Sieve vacation :days; smaller values (and the default of 7) are raised to it."
        case .sieveVacationMaxDays: return "Longest Sieve vacation :days; larger values are lowered to it."
        case .sieveVacationMinSeconds: return "Shortest Sieve vacation :seconds (vacation-seconds); 0 = a reply to every message."
        case .sieveVacationMaxSeconds: return "Longest Sieve vacation :seconds (vacation-seconds)."
        case .sieveRegexMaxPatternLength: return "Longest Sieve :regex pattern in bytes; longer ones are refused."
        case .sieveRegexMaxInputLength: return "Bytes of a header or body a Sieve :regex searches; the rest is ignored."
        case .queueLifetime: return "How long a message that cannot be delivered is retried before it bounces."
        case .queueDelayWarning: return "Tell the sender when a message is still queued after this long; 0s = never."
        case .dnsNameserver: return "DNS servers as IP[:port]; empty = those of /etc/resolv.conf."
        case .tlsCertificate: return "PEM certificate chain file; empty = a self-signed certificate in tls/."
        case .tlsKey: return "PEM private key file; empty = the self-signed key in tls/."
        case .spamEnabled: return "Score every message in transit for spam (rules, Bayes, SPF/DKIM/DMARC, blocklists)."
        case .spamGreylistScore: return "Spam score from which unknown senders are greylisted (below filter.spam.flag)."
        case .spamFlagScore: return "Spam score from which mail is delivered marked X-Spam: Yes (below filter.spam.deny)."
        case .spamDenyScore: return "Spam score from which mail is refused with 554 (or quarantined)."
        case .spamSubjectPrefix: return "Text put before the Subject of flagged spam, like ***SPAM***; empty = off."
        case .bayesMinSpam: return "Spam messages Bayes must have learnt before it counts in the score."
        case .bayesMinHam: return "Ham messages Bayes must have learnt before it counts in the score."
        case .spamDNSBL: return "DNS blocklists for the client address: zone[:code|code][=weight], comma separated; empty = none."
        case .spamURIBL: return "DNS blocklists for the domains of URLs in the body: zone[:code|code][=weight]; empty = none."
        case .greylistEnabled: return "Greylist unknown senders whose score reaches filter.spam.greylist."
        case .greylistDelay: return "How long a greylisted sender must wait before its retry passes."
        case .filterAttachmentsEnabled: return "Refuse messages carrying forbidden attachment types (recognised by content, not by name)."
        case .filterAttachmentsBlock:
            return "Attachment types refused: executables (PE, ELF, Mach-O, MSI, Java class, #! scripts, and the names bat cmd com scr pif vbs vbe js jse wsf wsh hta ps1 lnk jar), archives (zip, rar, 7z, gzip, bzip2, xz, zstd, tar, cab, iso; docx/xlsx/odt are zip too), macros (Office documents with VBA)."
        case .filterAttachmentsExtensions: return "More file name extensions to refuse, comma separated (like iso, img)."
        case .filterAntivirusEnabled: return "Scan messages with ClamAV's clamd (filter.antivirus.clamd must be set)."
        case .filterAntivirusClamd: return "Where clamd listens: unix:/path/to/clamd.ctl or HOST:PORT."
        case .filterAntivirusMaxSize: return "Larger messages are not scanned for viruses (the log line says so)."
        case .filterAntivirusOnError: return "When clamd is down or times out: tempfail (451, the sender retries) or accept (logged)."
        case .filterTimeBudget: return "Longest time the whole filter may take for one message; a check still running then counts as failed."
        case .filterQuarantineEnabled: return "Deliver mail a rule or the spam score would refuse to filter.quarantine.mailbox instead."
        case .filterQuarantineMailbox: return "User or public mailbox receiving quarantined mail (its own spam check is off)."
        case .filterQuarantineNotify: return "Send the postmaster a short notice for each quarantined message."
        case .mailauthDMARCEnforce: return "What a DMARC failure does: off (scored only), junk (delivered as spam when the domain asks for quarantine or reject), reject (550 5.7.1 when it asks for reject)."
        case .authPenaltyInitial: return "Wait before answering a login after a recent failure from the same IP address or against the same account; doubles with each further failure."
        case .authPenaltyMax: return "Longest wait the login penalty grows to."
        case .authPenaltyForget: return "Failures are forgotten after this long without another one."
        case .authBlockAfter: return "Refuse every login from an IP address with this many recent failures; 0 = off."
        case .connectionsPerIP: return "Most simultaneous connections from one client IP address on each listener (clients in smtp.trusted_networks are exempt)."
        case .connectionRatePerIP: return "Most new connections per minute from one client IP address on each listener (clients in smtp.trusted_networks are exempt)."
        case .adminTLS: return "The admin listener's HTTPS (the server's certificate): auto = on unless bound to a loopback address, always = also on loopback."
        case .logEventsDays: return "Days the structured message events (log trace, dashboard) are kept in the database."
        case .logRotateSize: return "log/maillog and log/access rotate at this size (and daily); older files are gzip-compressed."
        case .logKeep: return "How many rotated files of each log are kept."
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
