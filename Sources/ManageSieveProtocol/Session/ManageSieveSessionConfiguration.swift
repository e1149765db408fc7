/// What the ManageSieve listener (port 4190) offers and the limits it enforces.
public struct ManageSieveSessionConfiguration: Hashable, Sendable {
    /// The `IMPLEMENTATION` capability (RFC 5804 §1.7).
    public var implementation: String
    /// Text of the OK after the greeting's capabilities.
    public var greeting: String
    /// The `SIEVE` capability: the extensions the Sieve engine supports, as `require`
    /// names them.
    public var sieveExtensions: [String]
    /// The `MAXREDIRECTS` capability, when there is a limit.
    public var maxRedirects: Int?
    /// The `NOTIFY` capability (required with "enotify"); nothing is sent when empty.
    public var notifyMethods: [String]
    /// A certificate is configured, so STARTTLS is offered before TLS.
    public var tlsAvailable: Bool
    /// Offer and accept PLAIN without TLS (setting `mail.allow_unencrypted`).
    public var allowUnencrypted: Bool
    /// The largest script accepted (PUTSCRIPT, CHECKSCRIPT, HAVESPACE): a larger one gets
    /// NO (QUOTA/MAXSIZE), and its literal is skipped without being kept.
    public var maxScriptSize: Int
    /// Script names, in Unicode characters (RFC 5804 §1.6: at least 128).
    public var maxScriptNameLength: Int
    /// A line of command text, CRLF included (literals do not count).
    public var maxLineLength: Int
    /// A literal that is not a script: names, SASL responses, NOOP tags.
    public var maxStringLength: Int
    /// Refused commands (NO for syntax, state, names…) before BYE.
    public var maxErrors: Int
    /// Failed logins in one session; the last one gets BYE (RFC 5804 §2.1 example).
    public var maxAuthFailures: Int
    /// Unread input (pipelined ahead while the server works) above which
    /// `ManageSieveSession.wantsMoreInput` turns false.
    public var maxReadAhead: Int
    public var timeouts: ManageSieveTimeouts

    public init(implementation: String = "Postino", greeting: String = "Postino ManageSieve ready",
                sieveExtensions: [String] = [], maxRedirects: Int? = nil, notifyMethods: [String] = [],
                tlsAvailable: Bool = true, allowUnencrypted: Bool = false,
                maxScriptSize: Int = 1024 * 1024, maxScriptNameLength: Int = 128,
                maxLineLength: Int = 8192, maxStringLength: Int = 16384,
                maxErrors: Int = 20, maxAuthFailures: Int = 3, maxReadAhead: Int = 64 * 1024,
                timeouts: ManageSieveTimeouts = ManageSieveTimeouts()) {
        self.implementation = implementation
        self.greeting = greeting
        self.sieveExtensions = sieveExtensions
        self.maxRedirects = maxRedirects
        self.notifyMethods = notifyMethods
        self.tlsAvailable = tlsAvailable
        self.allowUnencrypted = allowUnencrypted
        self.maxScriptSize = maxScriptSize
        self.maxScriptNameLength = max(maxScriptNameLength, ManageSieveScriptName.minimumMaxLength)
        self.maxLineLength = maxLineLength
        self.maxStringLength = maxStringLength
        self.maxErrors = maxErrors
        self.maxAuthFailures = maxAuthFailures
        self.maxReadAhead = maxReadAhead
        self.timeouts = timeouts
    }

    var readerLimits: ManageSieveCommandReader.Limits {
        ManageSieveCommandReader.Limits(
            maxLineLength: maxLineLength, maxStringLength: maxStringLength,
            maxScriptSize: maxScriptSize, maxTokens: 8)
    }
}
