/// What one POP3 listener offers and the limits it enforces. A value: the glue builds one
/// per listener (110 with STLS, 995 with implicit TLS) from the administrator's settings.
public struct POP3SessionConfiguration: Hashable, Sendable {
    /// Text of the `+OK` greeting.
    public var greeting: String
    /// Sent as `IMPLEMENTATION` in CAPA (RFC 2449 §6.9).
    public var implementation: String
    /// A certificate is configured, so STLS is offered before TLS.
    public var tlsAvailable: Bool
    /// Accept USER/PASS and AUTH PLAIN without TLS (setting `mail.allow_unencrypted`); off
    /// by default because both send the password in clear (RFC 2595 §2.1).
    public var allowUnencrypted: Bool
    /// A command line, CRLF included (RFC 2449 §4: at least 255).
    public var maxCommandLineLength: Int
    /// USER, PASS and AUTH lines and SASL responses, CRLF included: credentials may be
    /// longer than other commands (RFC 2595 §6 wants 255-octet passwords).
    public var maxAuthLineLength: Int
    /// Bad commands (unknown, bad syntax, wrong state, no such message…) before the session
    /// ends.
    public var maxErrors: Int
    /// Failed logins in one session before it ends. Attempts per client IP across sessions
    /// are the server's business (`POP3AuthenticationResult.reject`).
    public var maxAuthFailures: Int
    /// Unread input (pipelined ahead while the server works) above which
    /// `POP3Session.wantsMoreInput` turns false.
    public var maxReadAhead: Int
    public var timeouts: POP3Timeouts

    public init(greeting: String = "Postino POP3 ready", implementation: String = "Postino",
                tlsAvailable: Bool = true, allowUnencrypted: Bool = false,
                maxCommandLineLength: Int = 255, maxAuthLineLength: Int = 8192,
                maxErrors: Int = 20, maxAuthFailures: Int = 3, maxReadAhead: Int = 64 * 1024,
                timeouts: POP3Timeouts = POP3Timeouts()) {
        self.greeting = greeting
        self.implementation = implementation
        self.tlsAvailable = tlsAvailable
        self.allowUnencrypted = allowUnencrypted
        self.maxCommandLineLength = maxCommandLineLength
        self.maxAuthLineLength = maxAuthLineLength
        self.maxErrors = maxErrors
        self.maxAuthFailures = maxAuthFailures
        self.maxReadAhead = maxReadAhead
        self.timeouts = timeouts
    }
}
