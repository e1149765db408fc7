import MailClient

/// An external mailbox fetched into a local user's (SPEC 9): its address is its id.
/// The password is kept as given (it must be sent) and never printed or logged: rows for
/// display (`ConnectorAccount.redacted`) carry none.
public struct ConnectorAccount: Sendable, Hashable, Codable {
    public enum RemoteProtocol: String, Sendable, Hashable, Codable, CaseIterable {
        case pop3, imap

        /// The usual port for the TLS mode (RFC 8314: 995/993 implicit; 110/143 otherwise).
        public func defaultPort(_ tls: ClientTLSMode) -> Int {
            switch (self, tls) {
            case (.pop3, .implicit): return 995
            case (.pop3, _): return 110
            case (.imap, .implicit): return 993
            case (.imap, _): return 143
            }
        }
    }

    /// The account's address, lowercased: the id.
    public var email: String
    public var remoteProtocol: RemoteProtocol
    public var host: String
    public var port: Int
    public var tls: ClientTLSMode
    public var verifyCertificate: Bool
    public var login: String
    public var password: String
    /// The local user the messages are delivered to.
    public var deliverTo: String
    public var remote: RemotePolicy
    public var antispam: Bool
    public var antivirus: Bool
    /// Minutes between runs.
    public var interval: Int
    /// IMAP only: the remote folder fetched.
    public var folder: String
    public var enabled: Bool

    public init(email: String, remoteProtocol: RemoteProtocol, host: String, port: Int? = nil, tls: ClientTLSMode,
                verifyCertificate: Bool = true, login: String, password: String, deliverTo: String,
                remote: RemotePolicy = .keep, antispam: Bool = true, antivirus: Bool = true, interval: Int = 5,
                folder: String = "INBOX", enabled: Bool = true) {
        self.email = email.lowercased()
        self.remoteProtocol = remoteProtocol
        self.host = host
        self.port = port ?? remoteProtocol.defaultPort(tls)
        self.tls = tls
        self.verifyCertificate = verifyCertificate
        self.login = login
        self.password = password
        self.deliverTo = deliverTo
        self.remote = remote
        self.antispam = antispam
        self.antivirus = antivirus
        self.interval = interval
        self.folder = folder
        self.enabled = enabled
    }

    /// Where and how to connect.
    public var connection: ConnectionSettings {
        ConnectionSettings(host: host, port: port, tls: tls, verifyCertificate: verifyCertificate,
                           connectTimeout: .seconds(20), readTimeout: .seconds(120))
    }
}

/// What happens on the remote side to a message once it is stored here. A refused message
/// is never deleted, whatever the policy.
public enum RemotePolicy: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Leave it (fetchmail's `keep`; the default).
    case keep
    /// Delete it at once (after the local commit).
    case delete
    /// Delete it this many days after it was fetched (NethServer: 1, 2, 3, 7, 30, 90, 360).
    case deleteAfter(days: Int)

    /// `keep`, `delete` or a number of days.
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "keep", "never": self = .keep
        case "delete", "0": self = .delete
        default:
            guard let days = Int(text), days > 0, days <= 36_500 else { return nil }
            self = .deleteAfter(days: days)
        }
    }

    public var description: String {
        switch self {
        case .keep: return "keep"
        case .delete: return "delete"
        case .deleteAfter(let days): return "\(days)"
        }
    }

    /// Whether a message fetched `age` seconds ago is due for deletion.
    public func deletes(age: Double) -> Bool {
        switch self {
        case .keep: return false
        case .delete: return true
        case .deleteAfter(let days): return age >= Double(days) * 86_400
        }
    }
}
