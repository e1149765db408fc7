/// What the glue knows about the TCP connection when it opens.
public struct POP3ConnectionInfo: Hashable, Sendable {
    /// The client's IP address as text, for logs.
    public var remoteAddress: String
    public var remotePort: Int?
    /// True on port 995, where the TLS handshake precedes the greeting (RFC 8314).
    public var isTLS: Bool

    public init(remoteAddress: String, remotePort: Int? = nil, isTLS: Bool = false) {
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.isTLS = isTLS
    }
}
