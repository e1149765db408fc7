import Queue

/// A relay host rule as `relay list --json` and `GET /api/v1/relay-rules` show it. The
/// password is never part of a row.
public struct RelayRuleRow: Codable, Sendable, Hashable {
    /// A sender address, a sender domain, or `*` for the default relay host (smarthost).
    public var sender: String
    public var host: String
    public var port: Int
    /// `none`, `starttls` or `implicit`.
    public var tls: String
    /// The login name, if the relay host wants one.
    public var user: String?

    public init(sender: String, host: String, port: Int, tls: String, user: String? = nil) {
        self.sender = sender
        self.host = host
        self.port = port
        self.tls = tls
        self.user = user
    }

    init(_ rule: RelayRule) {
        self.init(sender: rule.sender, host: rule.host, port: rule.port, tls: rule.tls.rawValue, user: rule.username)
    }

    public var isSmarthost: Bool { sender == RelayRule.smarthostKey }
}

extension RelayRuleRow {
    /// `host:port`, `[ipv6]:port`.
    public var endpoint: String {
        (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    }
}
