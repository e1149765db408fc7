/// How a client session encrypts.
public enum SMTPClientTLSPolicy: String, Hashable, Sendable, CaseIterable {
    /// Never STARTTLS.
    case none
    /// STARTTLS when the server offers it; plaintext otherwise, or when the server
    /// declines (RFC 3207, RFC 7435: the default between MX hosts).
    case opportunistic
    /// STARTTLS must succeed or the session fails (temporarily).
    case required
    /// TLS from the first octet (RFC 8314): the glue does the handshake before the
    /// greeting and reports `.connected(tls: true)`.
    case implicit
}

/// A login for a relay host (RFC 4954 AUTH PLAIN or LOGIN). Never in descriptions.
public struct SMTPClientCredentials: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    public var description: String { "\(username) (password hidden)" }
    public var debugDescription: String { description }
}

/// RFC 5321 §4.5.3.2: how long the client waits for each reply.
public struct SMTPClientTimeouts: Hashable, Sendable {
    /// §4.5.3.2.1: the 220 greeting.
    public var greeting: Duration
    /// §4.5.3.2.2: the reply to MAIL.
    public var mail: Duration
    /// §4.5.3.2.3: each reply to RCPT.
    public var recipient: Duration
    /// §4.5.3.2.4: the 354 after DATA.
    public var dataInitiation: Duration
    /// §4.5.3.2.6: the reply after the final dot or the last BDAT chunk, counted from
    /// the moment the message was handed to the connection.
    public var dataTermination: Duration
    /// EHLO, HELO, STARTTLS (and its handshake), AUTH, RSET, QUIT (§4.5.3.2.7's five
    /// minutes, which servers use for their own side).
    public var command: Duration

    public init(greeting: Duration = .seconds(300), mail: Duration = .seconds(300),
                recipient: Duration = .seconds(300), dataInitiation: Duration = .seconds(120),
                dataTermination: Duration = .seconds(600), command: Duration = .seconds(300)) {
        self.greeting = greeting
        self.mail = mail
        self.recipient = recipient
        self.dataInitiation = dataInitiation
        self.dataTermination = dataTermination
        self.command = command
    }

    /// Every timeout the same (tests).
    public static func uniform(_ duration: Duration) -> SMTPClientTimeouts {
        SMTPClientTimeouts(greeting: duration, mail: duration, recipient: duration, dataInitiation: duration,
                           dataTermination: duration, command: duration)
    }
}

/// What one client session does: its name, encryption, login and limits.
public struct SMTPClientConfiguration: Hashable, Sendable {
    /// Sent with EHLO/HELO (the `smtp.helo_name` setting).
    public var heloName: String
    public var tls: SMTPClientTLSPolicy
    /// For relay hosts that require a login.
    public var credentials: SMTPClientCredentials?
    /// Send credentials over an unencrypted connection. Only when the administrator chose
    /// a relay host without TLS: PLAIN and LOGIN reveal the password.
    public var allowPlaintextAuthentication: Bool
    public var timeouts: SMTPClientTimeouts
    /// Use PIPELINING (RFC 2920) when offered.
    public var usePipelining: Bool
    /// Use CHUNKING/BDAT (RFC 3030) when offered.
    public var useChunking: Bool
    /// Octets per BDAT chunk.
    public var chunkSize: Int

    public init(heloName: String, tls: SMTPClientTLSPolicy = .opportunistic, credentials: SMTPClientCredentials? = nil,
                allowPlaintextAuthentication: Bool = false, timeouts: SMTPClientTimeouts = SMTPClientTimeouts(),
                usePipelining: Bool = true, useChunking: Bool = true, chunkSize: Int = 1 << 20) {
        self.heloName = heloName
        self.tls = tls
        self.credentials = credentials
        self.allowPlaintextAuthentication = allowPlaintextAuthentication
        self.timeouts = timeouts
        self.usePipelining = usePipelining
        self.useChunking = useChunking
        self.chunkSize = max(1, chunkSize)
    }
}

/// The timeout in force in the client session's current state.
public struct SMTPClientTimeout: Hashable, Sendable {
    /// What the client waits for, for log lines (`timeout while waiting for …`).
    public var waitingFor: String
    public var duration: Duration
}
