/// What the glue knows about the TCP connection when it opens.
public struct SMTPConnectionInfo: Hashable, Sendable {
    /// The client's IP address as text (`192.0.2.1`, `2001:db8::1`).
    public var remoteAddress: String
    public var remotePort: Int?
    /// Set for implicit TLS (port 465), where the handshake precedes the greeting.
    public var tls: SMTPTLSInfo?

    public init(remoteAddress: String, remotePort: Int? = nil, tls: SMTPTLSInfo? = nil) {
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.tls = tls
    }
}

/// The negotiated TLS parameters, for the `Received:` header and policy.
public struct SMTPTLSInfo: Hashable, Sendable {
    /// e.g. `TLSv1.3`.
    public var version: String
    /// e.g. `TLS_AES_256_GCM_SHA384`.
    public var cipher: String

    public init(version: String, cipher: String) {
        self.version = version
        self.cipher = cipher
    }
}
