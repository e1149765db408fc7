/// An SPF result (RFC 7208 §2.6), by the names RFC 8601 §2.7.2 uses in
/// Authentication-Results.
public enum SPFResult: String, Sendable, Hashable, CaseIterable {
    /// No syntactically valid domain, or no SPF record (§2.6.1).
    case none
    /// The domain states nothing about the client (`?`, or no mechanism matched, §2.6.2).
    case neutral
    /// The client is authorized (§2.6.3).
    case pass
    /// The client is not authorized (§2.6.4).
    case fail
    /// Probably not authorized, but the domain does not want a strong measure (§2.6.5).
    case softfail
    /// A transient (generally DNS) error (§2.6.6).
    case temperror
    /// The published records could not be interpreted (§2.6.7).
    case permerror
}

/// Which identity was checked (RFC 7208 §2.3, §2.4).
public enum SPFIdentity: String, Sendable, Hashable {
    case mailFrom = "mailfrom"
    case helo
}

/// The outcome of one `check_host()` evaluation.
public struct SPFCheckResult: Sendable, Hashable {
    public var result: SPFResult
    public var identity: SPFIdentity
    /// The `<sender>` checked: the MAIL FROM address, or `postmaster@HELO`.
    public var sender: String
    /// The `<domain>` whose policy was evaluated first (the sender's domain, or HELO).
    public var domain: String
    /// For `fail`: the explanation string (RFC 7208 §6.2), or the default explanation.
    public var explanation: String?
    /// Why, for the error results and `none`; the matched mechanism otherwise.
    public var reason: String?

    public init(result: SPFResult, identity: SPFIdentity, sender: String, domain: String,
                explanation: String? = nil, reason: String? = nil) {
        self.result = result
        self.identity = identity
        self.sender = sender
        self.domain = domain
        self.explanation = explanation
        self.reason = reason
    }
}
