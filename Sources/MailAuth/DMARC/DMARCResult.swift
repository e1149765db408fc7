/// A DMARC result as RFC 8601 §2.7.1 / RFC 9989 name them.
public enum DMARCResult: String, Sendable, Hashable, CaseIterable {
    /// No DMARC Policy Record applies (or no single Author Domain).
    case none
    case pass
    case fail
    /// A DNS lookup needed for the result did not complete (RFC 9989 §5.3.6).
    case temperror
    /// The message cannot be evaluated: no RFC5322.From domain.
    case permerror
}

/// The DMARC outcome for a message.
public struct DMARCEvaluation: Sendable, Hashable {
    public var result: DMARCResult
    /// The Author Domain (RFC5322.From), lower case; several when From names several.
    public var authorDomains: [String]
    /// Where the applied record was found (`header.from` in A-R is the Author Domain).
    public var policyDomain: String?
    /// The Domain Owner Assessment Policy that applies to this Author Domain (after `sp`,
    /// `np` and `t=y`), whatever the result; nil when no record applies.
    public var policy: DMARCPolicy?
    /// What to do with the message: `policy` when the result is `fail`, `none` otherwise.
    public var disposition: DMARCPolicy
    public var spfAligned: Bool
    public var dkimAligned: Bool
    /// Why, in words.
    public var reason: String?

    public init(result: DMARCResult, authorDomains: [String], policyDomain: String? = nil, policy: DMARCPolicy? = nil,
                disposition: DMARCPolicy = .none, spfAligned: Bool = false, dkimAligned: Bool = false, reason: String? = nil) {
        self.result = result
        self.authorDomains = authorDomains
        self.policyDomain = policyDomain
        self.policy = policy
        self.disposition = disposition
        self.spfAligned = spfAligned
        self.dkimAligned = dkimAligned
        self.reason = reason
    }
}
