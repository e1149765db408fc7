/// A Domain Owner Assessment Policy (RFC 9989 §4.7 `p`, `sp`, `np`).
public enum DMARCPolicy: String, Sendable, Hashable, CaseIterable, Comparable {
    case none
    case quarantine
    case reject

    public static func < (lhs: DMARCPolicy, rhs: DMARCPolicy) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// `t=y` asks for the policy one level below (RFC 9989 §4.7 `t`).
    var oneLevelBelow: DMARCPolicy {
        switch self {
        case .reject: return .quarantine
        case .quarantine, .none: return .none
        }
    }
}

/// A DMARC Policy Record (RFC 9989 §4.7, §4.8): a TXT record at `_dmarc.DOMAIN`.
/// Unknown tags are ignored and invalid values are treated as absent (§4.8).
public struct DMARCRecord: Sendable, Hashable {
    public var policy: DMARCPolicy?
    public var subdomainPolicy: DMARCPolicy?
    public var nonexistentSubdomainPolicy: DMARCPolicy?
    /// `adkim=s`, `aspf=s`.
    public var strictDKIM = false
    public var strictSPF = false
    /// `psd`: "y", "n" or "u" (the default).
    public var psd: Character = "u"
    /// `t=y`.
    public var testing = false
    /// `rua`: syntactically valid reporting URIs.
    public var aggregateReportURIs: [String] = []
    /// `sp`/`np` present but invalid (§4.10.1 treats the record like one without `p`).
    var hasInvalidSubdomainPolicy = false

    /// Nil when the text is not a DMARC Policy Record: `v=DMARC1` must be the first tag,
    /// spelled exactly so (§4.7 `v`).
    public init?(txt: [UInt8]) {
        let text = String(decoding: txt, as: UTF8.self)
        var tags: [(String, String)] = []
        for spec in text.split(separator: ";", omittingEmptySubsequences: false) {
            let trimmed = spec.trimmingCharacters(in: [" ", "\t"])
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                if tags.isEmpty { return nil }
                continue
            }
            let name = trimmed[..<equals].trimmingCharacters(in: [" ", "\t"])
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: [" ", "\t"])
            tags.append((name, value))
        }
        guard let first = tags.first, first.0 == "v", first.1 == "DMARC1" else { return nil }
        for (name, value) in tags.dropFirst() {
            switch name.lowercased() {
            case "p": policy = DMARCPolicy(rawValue: value.lowercased())
            case "sp":
                subdomainPolicy = DMARCPolicy(rawValue: value.lowercased())
                if subdomainPolicy == nil { hasInvalidSubdomainPolicy = true }
            case "np":
                nonexistentSubdomainPolicy = DMARCPolicy(rawValue: value.lowercased())
                if nonexistentSubdomainPolicy == nil { hasInvalidSubdomainPolicy = true }
            case "adkim": strictDKIM = value.lowercased() == "s"
            case "aspf": strictSPF = value.lowercased() == "s"
            case "psd":
                let v = value.lowercased()
                if v == "y" || v == "n" || v == "u" { psd = Character(v) }
            case "t": testing = value.lowercased() == "y"
            case "rua":
                aggregateReportURIs = value.split(separator: ",").map { $0.trimmingCharacters(in: [" ", "\t"]) }
                    .filter { uri in uri.contains(":") && !uri.hasPrefix(":") }
            default: continue
            }
        }
    }

    /// Whether DMARC applies with this record (§4.10.1): a valid `p` (and valid `sp`/`np`
    /// when present), or else at least one valid `rua` URI (then as `p=none`).
    var isApplicable: Bool {
        (policy != nil && !hasInvalidSubdomainPolicy) || !aggregateReportURIs.isEmpty
    }

    /// `p`, or `none` when the record is applicable only through `rua`.
    var effectivePolicy: DMARCPolicy {
        hasInvalidSubdomainPolicy ? .none : (policy ?? .none)
    }
}
