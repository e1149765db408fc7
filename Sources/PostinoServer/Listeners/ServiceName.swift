/// The network services `postino serve` can run, by the names `--listen NAME=…` uses.
public enum ServiceName: String, CaseIterable, Sendable, Comparable {
    case smtp, submission, smtps, imap, imaps, pop3, pop3s, managesieve, admin
    /// Mail client set-up documents (Thunderbird autoconfig over HTTP, Outlook autodiscover
    /// over HTTPS): off unless `--listen` names them.
    case autoconfig, autodiscover

    /// Standard port when running as root (privileged ports available).
    public var standardPort: Int {
        switch self {
        case .smtp: 25
        case .submission: 587
        case .smtps: 465
        case .imap: 143
        case .imaps: 993
        case .pop3: 110
        case .pop3s: 995
        case .managesieve: 4190
        case .admin: 8080
        case .autoconfig: 80
        case .autodiscover: 443
        }
    }

    /// Port used when not root: the standard one moved above 1024 in a memorable way.
    public var unprivilegedPort: Int {
        switch self {
        case .smtp: 2525
        case .submission: 2587
        case .smtps: 2465
        case .imap: 2143
        case .imaps: 2993
        case .pop3: 2110
        case .pop3s: 2995
        case .managesieve: 4190
        case .admin: 8080
        case .autoconfig: 2080
        case .autodiscover: 2443
        }
    }

    /// Whether `serve` listens for it without a `--listen NAME=…`.
    public var isOnByDefault: Bool { self != .autoconfig && self != .autodiscover }

    /// The admin UI is local-only by default; mail services listen on every interface.
    public var defaultHost: String { self == .admin ? "127.0.0.1" : "0.0.0.0" }

    /// What the line in `serve`'s output says the port is for.
    public var purpose: String {
        switch self {
        case .smtp: "SMTP from other servers (MX)"
        case .submission: "mail submission for clients (STARTTLS + AUTH)"
        case .smtps: "mail submission for clients (implicit TLS)"
        case .imap: "IMAP (STARTTLS)"
        case .imaps: "IMAP (implicit TLS)"
        case .pop3: "POP3 (STLS)"
        case .pop3s: "POP3 (implicit TLS)"
        case .managesieve: "ManageSieve (Sieve script upload)"
        case .admin: "admin web UI and REST API"
        case .autoconfig: "mail client set-up (Thunderbird autoconfig, HTTP)"
        case .autodiscover: "mail client set-up (autoconfig and Outlook autodiscover, HTTPS)"
        }
    }

    public static func < (a: ServiceName, b: ServiceName) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
