/// What the glue knows about the TCP connection when it opens.
public struct ManageSieveConnectionInfo: Hashable, Sendable {
    /// The client's IP address as text, for logs.
    public var remoteAddress: String
    public var remotePort: Int?
    /// True if TLS was set up before the greeting (not standard on 4190, but possible).
    public var isTLS: Bool

    public init(remoteAddress: String, remotePort: Int? = nil, isTLS: Bool = false) {
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.isTLS = isTLS
    }
}
