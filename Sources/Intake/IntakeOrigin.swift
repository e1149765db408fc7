import Spool

/// Where a message entered the server. Stages decide from it what applies: the filter runs
/// for outside mail and for authenticated users, never for messages Postino generates.
public enum IntakeOrigin: Sendable, Hashable {
    /// Port 25 from another server (or an unauthenticated client of the local networks).
    case mx
    /// Ports 587/465: an authenticated user.
    case submission(user: String)
    /// A client in `smtp.relay_ips`: trusted, skips the filter entirely (SPEC 3).
    case relayClient
    /// A connector fetching an external account (the account's id).
    case connector(account: String)
    /// Generated here: DSNs, delay notices, vacation replies, redirects, reject notices,
    /// quarantine notices, the administrator's test message.
    case generated(GeneratedKind)

    public enum GeneratedKind: String, Sendable, Hashable {
        case deliveryNotice, vacation, redirect, rejectNotice, sieveNotice, quarantineNotice, testMessage
    }

    /// Mail from outside whose `X-Spam*` / `X-Postino*` headers cannot be trusted.
    public var isFromOutside: Bool {
        switch self {
        case .mx, .connector: return true
        case .submission, .relayClient, .generated: return false
        }
    }

    /// Whether content checks (attachments, antivirus, antispam) apply.
    public var isFiltered: Bool {
        switch self {
        case .mx, .submission, .connector: return true
        case .relayClient, .generated: return false
        }
    }

    /// The spool's coarser record of the same fact.
    public var spoolOrigin: SpoolOrigin {
        switch self {
        case .mx, .relayClient, .connector: return .mx
        case .submission: return .submission
        case .generated: return .local
        }
    }
}
