/// Bounds that keep any script, however hostile, cheap to compile and run.
public struct SieveLimits: Sendable, Hashable {
    /// Script source size in bytes.
    public var maximumScriptSize: Int
    /// Blocks and test nesting.
    public var maximumNestingDepth: Int
    /// Actions (keep, fileinto, redirect, vacation…) one delivery may produce.
    public var maximumActions: Int
    /// Redirects one delivery may produce (each one sends a message).
    public var maximumRedirects: Int
    /// Commands, tests and comparisons executed; exceeded → runtime error.
    public var maximumSteps: Int
    /// Variables per script scope (RFC 5229 §6).
    public var maximumVariables: Int
    /// Bytes one variable may hold; longer values are truncated (RFC 5229 §6).
    public var maximumVariableSize: Int
    /// Nested `include`s (RFC 6609 §3.2).
    public var maximumIncludeDepth: Int
    /// Scripts one execution may include in total.
    public var maximumIncludedScripts: Int
    /// editheader changes per delivery.
    public var maximumHeaderEdits: Int
    /// Bytes of a `:regex` pattern; a longer constant pattern does not compile, a longer
    /// pattern built from variables is a runtime error (draft-ietf-sieve-regex §10).
    public var maximumRegexPatternLength: Int
    /// Bytes of a value a `:regex` pattern is run on; only the first this many bytes of a
    /// longer value are searched, with a warning (draft-ietf-sieve-regex §10).
    public var maximumRegexInputLength: Int

    public init(maximumScriptSize: Int = 1 << 20, maximumNestingDepth: Int = 32, maximumActions: Int = 32,
                maximumRedirects: Int = 4, maximumSteps: Int = 200_000, maximumVariables: Int = 256,
                maximumVariableSize: Int = 4096, maximumIncludeDepth: Int = 10,
                maximumIncludedScripts: Int = 32, maximumHeaderEdits: Int = 64,
                maximumRegexPatternLength: Int = 1024, maximumRegexInputLength: Int = 65_536) {
        self.maximumScriptSize = maximumScriptSize
        self.maximumNestingDepth = maximumNestingDepth
        self.maximumActions = maximumActions
        self.maximumRedirects = maximumRedirects
        self.maximumSteps = maximumSteps
        self.maximumVariables = maximumVariables
        self.maximumVariableSize = maximumVariableSize
        self.maximumIncludeDepth = maximumIncludeDepth
        self.maximumIncludedScripts = maximumIncludedScripts
        self.maximumHeaderEdits = maximumHeaderEdits
        self.maximumRegexPatternLength = maximumRegexPatternLength
        self.maximumRegexInputLength = maximumRegexInputLength
    }

    public static let `default` = SieveLimits()
}
