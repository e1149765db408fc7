/// A DKIM result as RFC 8601 §2.7.1 names them.
public enum DKIMResultCode: String, Sendable, Hashable, CaseIterable {
    /// The message has no signature.
    case none
    /// The signature verified.
    case pass
    /// The signature or body hash did not verify.
    case fail
    /// Verified or not, the result must not count: a failing signature from a key in
    /// testing mode (RFC 6376 §3.6.1 `t=y`).
    case neutral
    /// The key could not be fetched now; a later attempt may succeed.
    case temperror
    /// The signature or its key can never verify: syntax errors, missing or revoked
    /// key, unacceptable algorithm or key size, expiry.
    case permerror
}

/// The outcome for one DKIM-Signature field.
public struct DKIMVerificationResult: Sendable, Hashable {
    public var result: DKIMResultCode
    /// Why, in RFC 6376 §6.1 words ("body hash did not verify"); nil for a pass.
    public var reason: String?
    /// `d=`, `s=`, `i=` and `a=`, when the signature was readable enough to say.
    public var domain: String?
    public var selector: String?
    public var identity: String?
    public var algorithm: DKIMAlgorithm?
    /// The start of `b=` (RFC 6008 `header.b`), which tells signatures apart.
    public var signaturePrefix: String?
    /// The key record carries `t=y`.
    public var keyIsTesting: Bool
    /// Body octets after the `l=` limit: content the signature does not cover, which
    /// a scorer may treat with suspicion (RFC 6376 §8.2).
    public var unsignedBodyOctets: Int = 0

    public init(result: DKIMResultCode, reason: String? = nil, domain: String? = nil, selector: String? = nil,
                identity: String? = nil, algorithm: DKIMAlgorithm? = nil, signaturePrefix: String? = nil,
                keyIsTesting: Bool = false) {
        self.result = result
        self.reason = reason
        self.domain = domain
        self.selector = selector
        self.identity = identity
        self.algorithm = algorithm
        self.signaturePrefix = signaturePrefix
        self.keyIsTesting = keyIsTesting
    }

    /// The `dkim=` part of an Authentication-Results field (RFC 8601 §2.2, §2.7.1,
    /// RFC 6008): `dkim=pass header.d=example.com header.s=default header.b=AbCdEfGh`.
    public var authenticationResultsFragment: String {
        var parts = ["dkim=\(result.rawValue)"]
        if let reason { parts.append("reason=\(AuthenticationResults.quotedIfNeeded(reason))") }
        if let domain { parts.append("header.d=\(AuthenticationResults.quotedIfNeeded(domain))") }
        if let identity { parts.append("header.i=\(AuthenticationResults.quotedIfNeeded(identity))") }
        if let selector { parts.append("header.s=\(AuthenticationResults.quotedIfNeeded(selector))") }
        if let algorithm { parts.append("header.a=\(algorithm.rawValue)") }
        if let signaturePrefix { parts.append("header.b=\(AuthenticationResults.quotedIfNeeded(signaturePrefix))") }
        return parts.joined(separator: " ")
    }
}
