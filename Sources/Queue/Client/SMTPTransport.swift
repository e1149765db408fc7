import SMTPProtocol

/// Where to connect: a host (its name for TLS SNI and logs) at one of its addresses.
public struct SMTPConnectTarget: Hashable, Sendable, CustomStringConvertible {
    /// The host name as found in MX records or the relay rule (or the IP address itself).
    public var host: String
    /// The IP address to connect to.
    public var address: String
    public var port: Int

    public init(host: String, address: String, port: Int) {
        self.host = host
        self.address = address
        self.port = port
    }

    /// `mx.example.net[192.0.2.1]:25`, as the mail log writes relays.
    public var description: String { "\(host)[\(address)]:\(port)" }
}

/// Opens SMTP client sessions: the network, behind a protocol so that the outbound agent
/// can be tested without sockets.
public protocol SMTPTransport: Sendable {
    /// Connects, greets, upgrades and logs in as `configuration` says; returns once the
    /// session is ready for a message.
    func open(_ target: SMTPConnectTarget, configuration: SMTPClientConfiguration) async throws(SMTPClientFailure)
        -> any SMTPConnection
}

/// An open session ready for messages.
public protocol SMTPConnection: Sendable {
    /// Sends one message in one transaction.
    func send(_ message: SMTPClientMessage) async -> SMTPSendOutcome
    /// QUIT and close (also fine on a connection that already failed).
    func quit() async
}

/// What became of one message on a connection.
public struct SMTPSendOutcome: Sendable, Hashable {
    public var result: SMTPTransactionResult
    /// Set when the session broke during or after the transaction: the connection cannot
    /// take another message.
    public var sessionFailure: SMTPClientFailure?

    public init(result: SMTPTransactionResult, sessionFailure: SMTPClientFailure? = nil) {
        self.result = result
        self.sessionFailure = sessionFailure
    }

    public var connectionUsable: Bool { sessionFailure == nil }
}
