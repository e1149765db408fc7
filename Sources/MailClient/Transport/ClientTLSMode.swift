/// How a client connection to a remote mail server is encrypted. The same words as
/// `postino relay add --tls`.
public enum ClientTLSMode: String, Hashable, Sendable, CaseIterable, Codable {
    /// Plain text from start to end. Passwords travel in clear.
    case none
    /// Plain text, upgraded by the protocol's STARTTLS/STLS command before login; the
    /// upgrade must succeed.
    case starttls
    /// TLS from the first octet (IMAPS 993, POP3S 995; RFC 8314).
    case implicit
}

/// Where and how to connect.
public struct ConnectionSettings: Hashable, Sendable {
    public var host: String
    public var port: Int
    public var tls: ClientTLSMode
    /// Verify the server's certificate against the system's trust roots and the host name.
    /// Off for self-signed remote servers.
    public var verifyCertificate: Bool
    public var connectTimeout: Duration
    /// How long one read may wait for the server before the connection is given up.
    public var readTimeout: Duration

    public init(host: String, port: Int, tls: ClientTLSMode, verifyCertificate: Bool = true,
                connectTimeout: Duration = .seconds(30), readTimeout: Duration = .seconds(120)) {
        self.host = host
        self.port = port
        self.tls = tls
        self.verifyCertificate = verifyCertificate
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
    }
}
