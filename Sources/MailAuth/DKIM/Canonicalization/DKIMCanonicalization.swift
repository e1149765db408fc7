/// A DKIM canonicalization algorithm (RFC 6376 §3.4).
public enum DKIMCanonicalization: String, Sendable, Hashable, CaseIterable {
    /// Tolerates almost no modification (§3.4.1, §3.4.3).
    case simple
    /// Tolerates whitespace changes and header re-folding (§3.4.2, §3.4.4).
    case relaxed
}

/// The `c=` tag: header and body algorithms (RFC 6376 §3.5, default "simple/simple").
public struct DKIMCanonicalizationPair: Sendable, Hashable, CustomStringConvertible {
    public var header: DKIMCanonicalization
    public var body: DKIMCanonicalization

    public init(header: DKIMCanonicalization, body: DKIMCanonicalization) {
        self.header = header
        self.body = body
    }

    public static let relaxedRelaxed = DKIMCanonicalizationPair(header: .relaxed, body: .relaxed)
    public static let simpleSimple = DKIMCanonicalizationPair(header: .simple, body: .simple)

    /// Parses a `c=` value: `header` or `header/body`; a missing body algorithm is
    /// "simple" (RFC 6376 §3.5). Nil for anything else.
    public init?(tagValue: String) {
        let parts = tagValue.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let header = DKIMCanonicalization(rawValue: String(parts[0]).asciiLowercased) else { return nil }
        var body = DKIMCanonicalization.simple
        if parts.count == 2 {
            guard let b = DKIMCanonicalization(rawValue: String(parts[1]).asciiLowercased) else { return nil }
            body = b
        }
        self.init(header: header, body: body)
    }

    /// "relaxed/simple".
    public var description: String { "\(header.rawValue)/\(body.rawValue)" }
}
