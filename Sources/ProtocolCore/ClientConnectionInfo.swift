/// What the server knows about a client's TCP connection when it opens.
public struct ClientConnectionInfo: Hashable, Sendable {
    /// The client's IP address as text, for logs.
    public var remoteAddress: String
    public var remotePort: Int?
    /// True when the TLS handshake preceded the greeting (ports 995 and 993, RFC 8314).
    public var isTLS: Bool

    public init(remoteAddress: String, remotePort: Int? = nil, isTLS: Bool = false) {
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.isTLS = isTLS
    }
}
