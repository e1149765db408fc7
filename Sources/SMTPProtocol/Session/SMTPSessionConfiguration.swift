/// What one listening port does and the limits it enforces. A value: the glue builds one per
/// listener from the administrator's settings.
public struct SMTPSessionConfiguration: Hashable, Sendable {
    public enum Role: Hashable, Sendable {
        /// Port 25: mail from other servers. AUTH only if `allowAuthOnMX`.
        case mx
        /// Port 587 (RFC 6409): STARTTLS then AUTH before MAIL.
        case submission
        /// Port 465 (RFC 8314): TLS from the first byte, AUTH before MAIL.
        case implicitTLSSubmission

        public var requiresAuthentication: Bool { self != .mx }
    }

    public var role: Role
    /// Our name in the greeting, EHLO reply and 421s.
    public var hostname: String
    /// Follows the hostname in the 220 greeting.
    public var banner: String
    /// A certificate is configured, so STARTTLS can be offered (ignored for 465).
    public var tlsAvailable: Bool
    /// Offer AUTH without TLS (setting `mail.allow_unencrypted`); off by default because
    /// PLAIN and LOGIN send the password in clear.
    public var allowUnencrypted: Bool
    /// Offer AUTH on port 25 (off by default).
    public var allowAuthOnMX: Bool
    /// Announced in EHLO `SIZE`, checked at `MAIL … SIZE=` and while receiving.
    public var maxMessageSize: Int
    /// More RCPTs get 452 4.5.3 (RFC 5321 §4.5.3.1.8 asks for at least 100).
    public var maxRecipients: Int
    /// A command line, CRLF included (RFC 5321 §4.5.3.1.4 allows 512 plus extensions).
    public var maxCommandLineLength: Int
    /// An AUTH command line or SASL response line (RFC 4954 §4 suggests 12288).
    public var maxAuthLineLength: Int
    /// Error replies (4xx/5xx) before the session ends with 421.
    public var maxErrors: Int
    /// Commands in one session before it ends with 421.
    public var maxCommands: Int
    /// Failed AUTH attempts in one session before it ends with 421. Attempts per client IP
    /// across sessions are the server's business (see `SMTPAuthenticationResult.reject`).
    public var maxAuthFailures: Int
    /// Unread input (pipelined ahead while the server decides) above which
    /// `SMTPSession.wantsMoreInput` turns false.
    public var maxReadAhead: Int
    public var timeouts: SMTPTimeouts

    public init(role: Role, hostname: String, banner: String = "ESMTP Postino",
                tlsAvailable: Bool = true, allowUnencrypted: Bool = false,
                allowAuthOnMX: Bool = false, maxMessageSize: Int = 20 * 1024 * 1024,
                maxRecipients: Int = 1000, maxCommandLineLength: Int = 2048,
                maxAuthLineLength: Int = 12288, maxErrors: Int = 20, maxCommands: Int = 100_000,
                maxAuthFailures: Int = 3, maxReadAhead: Int = 256 * 1024,
                timeouts: SMTPTimeouts = SMTPTimeouts()) {
        self.role = role
        self.hostname = hostname
        self.banner = banner
        self.tlsAvailable = tlsAvailable
        self.allowUnencrypted = allowUnencrypted
        self.allowAuthOnMX = allowAuthOnMX
        self.maxMessageSize = maxMessageSize
        self.maxRecipients = maxRecipients
        self.maxCommandLineLength = maxCommandLineLength
        self.maxAuthLineLength = maxAuthLineLength
        self.maxErrors = maxErrors
        self.maxCommands = maxCommands
        self.maxAuthFailures = maxAuthFailures
        self.maxReadAhead = maxReadAhead
        self.timeouts = timeouts
    }
}
