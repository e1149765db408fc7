import Queue

/// A relay host as given for a rule or the smarthost.
public struct RelayHost: Sendable, Hashable {
    public var host: String
    /// nil: the mode's usual port (25, 587 with starttls, 465 with implicit).
    public var port: Int?
    /// Login name and password go together.
    public var user: String?
    public var password: String?
    public var tls: RelayTLSMode

    public init(host: String, port: Int? = nil, user: String? = nil, password: String? = nil, tls: RelayTLSMode = .starttls) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.tls = tls
    }
}
