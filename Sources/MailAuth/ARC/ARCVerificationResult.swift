/// The Chain Validation Status of RFC 8617 §4.4, the `arc=` result of RFC 8601.
public enum ARCResult: String, Sendable, Hashable, CaseIterable {
    /// No ARC Sets.
    case none
    case pass
    /// Malformed chain, a set sealed with `cv=fail`, or a signature that does not verify
    /// (also when a key could not be fetched: the registry has no temperror for ARC).
    case fail
}

public struct ARCVerificationResult: Sendable, Hashable {
    public var result: ARCResult
    /// N, the highest instance (0 without ARC).
    public var instances: Int
    /// The sealers' `d=`, instance 1 first.
    public var sealDomains: [String]
    /// Why the chain failed.
    public var reason: String?

    public init(result: ARCResult, instances: Int = 0, sealDomains: [String] = [], reason: String? = nil) {
        self.result = result
        self.instances = instances
        self.sealDomains = sealDomains
        self.reason = reason
    }

    /// `arc=pass` for Authentication-Results (RFC 8617 §5.2, RFC 8601 §2.7.x).
    public var authenticationResultsFragment: String {
        var parts = ["arc=\(result.rawValue)"]
        if let reason { parts.append("reason=\(AuthenticationResults.quotedIfNeeded(reason))") }
        if instances > 0 { parts.append("(i=\(instances)\(sealDomains.isEmpty ? "" : " " + sealDomains.joined(separator: ",")))") }
        return parts.joined(separator: " ")
    }
}
