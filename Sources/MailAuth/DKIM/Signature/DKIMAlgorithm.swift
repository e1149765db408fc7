/// A DKIM signing algorithm (`a=` tag; RFC 6376 §3.3, RFC 8463).
public enum DKIMAlgorithm: String, Sendable, Hashable, CaseIterable {
    case rsaSHA256 = "rsa-sha256"
    case ed25519SHA256 = "ed25519-sha256"
    /// Recognised so that it can be refused with a clear reason: RFC 8301 §3.1 says
    /// verifiers must not consider rsa-sha1 signatures valid.
    case rsaSHA1 = "rsa-sha1"

    /// The key type (`k=` of the key record) the algorithm needs.
    public var keyType: DKIMKeyType {
        switch self {
        case .rsaSHA256, .rsaSHA1: return .rsa
        case .ed25519SHA256: return .ed25519
        }
    }

    /// The hash name as listed in a key record's `h=` tag.
    var hashName: String { self == .rsaSHA1 ? "sha1" : "sha256" }
}

/// A public key type (`k=` of a key record).
public enum DKIMKeyType: String, Sendable, Hashable, CaseIterable {
    case rsa
    case ed25519
}
