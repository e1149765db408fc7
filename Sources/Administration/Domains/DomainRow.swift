import Directory

/// A domain as `domain list --json` and `GET /api/v1/domains` show it.
public struct DomainRow: Codable, Sendable, Hashable {
    public var name: String
    /// `local` or `relay`.
    public var delivery: String
    public var relay_host: String?
    public var relay_port: Int?
    /// TLS to the relay host: `none`, `may` (STARTTLS when offered), `starttls` (must
    /// succeed) or `implicit`; null for local domains.
    public var relay_tls: String?
    public var catch_all: String?
    public var copy_to: String?
    public var dkim: Bool
    /// Whether a disclaimer is set (its text is not part of the row).
    public var disclaimer: Bool

    public init(name: String, delivery: String, relay_host: String? = nil, relay_port: Int? = nil,
                catch_all: String? = nil, copy_to: String? = nil, dkim: Bool = false, disclaimer: Bool = false) {
        self.name = name
        self.delivery = delivery
        self.relay_host = relay_host
        self.relay_port = relay_port
        self.catch_all = catch_all
        self.copy_to = copy_to
        self.dkim = dkim
        self.disclaimer = disclaimer
    }

    init(_ d: Domain) {
        self.init(name: d.name, delivery: d.relay == nil ? "local" : "relay",
                  relay_host: d.relay?.host, relay_port: d.relay?.port,
                  catch_all: d.catchAll?.description, copy_to: d.copyTo?.description,
                  dkim: d.dkimEnabled, disclaimer: d.disclaimer != nil)
        relay_tls = d.relay.map { RelayTLSWord.word(for: $0.tls) }
    }
}
