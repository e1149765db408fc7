/// A fact about a message's authentication for the antispam engine, which gives each
/// name its weight: `SPF_FAIL`, `DKIM_VALID`, `DMARC_REJECT`… The detail says which
/// domain or signature it is about.
public struct AuthenticationSymbol: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var detail: String

    public init(name: String, detail: String) {
        self.name = name
        self.detail = detail
    }

    public var description: String { detail.isEmpty ? name : "\(name)(\(detail))" }

    /// Every name `InboundAuthenticator` produces.
    public static let allNames: [String] = [
        "SPF_PASS", "SPF_FAIL", "SPF_SOFTFAIL", "SPF_NEUTRAL", "SPF_NONE", "SPF_TEMPERROR", "SPF_PERMERROR",
        "DKIM_VALID", "DKIM_INVALID", "DKIM_TEMPERROR", "DKIM_NEUTRAL", "DKIM_NONE", "DKIM_UNSIGNED_CONTENT",
        "DMARC_PASS", "DMARC_REJECT", "DMARC_QUARANTINE", "DMARC_NONE_POLICY_FAIL", "DMARC_NONE",
        "DMARC_TEMPERROR", "DMARC_PERMERROR",
        "ARC_PASS", "ARC_FAIL", "ARC_NONE",
    ]

    /// The symbols for a set of results: one per name, details of repeated names (one
    /// per DKIM signature) joined with "; ".
    static func symbols(spf: SPFCheckResult, dkim: [DKIMVerificationResult], dmarc: DMARCEvaluation,
                        arc: ARCVerificationResult) -> [AuthenticationSymbol] {
        var list: [(String, String)] = []
        list.append(("SPF_" + spf.result.rawValue.uppercased(),
                     [spf.domain, spf.reason ?? ""].filter { !$0.isEmpty }.joined(separator: ": ")))
        if dkim.isEmpty { list.append(("DKIM_NONE", "")) }
        for signature in dkim {
            let who = "d=\(signature.domain ?? "?") s=\(signature.selector ?? "?")"
            switch signature.result {
            case .pass:
                list.append(("DKIM_VALID", who))
                if signature.unsignedBodyOctets > 0 {
                    list.append(("DKIM_UNSIGNED_CONTENT", "\(who): \(signature.unsignedBodyOctets) body octets after l="))
                }
            case .fail, .permerror: list.append(("DKIM_INVALID", "\(who): \(signature.reason ?? signature.result.rawValue)"))
            case .temperror: list.append(("DKIM_TEMPERROR", "\(who): \(signature.reason ?? "")"))
            case .neutral: list.append(("DKIM_NEUTRAL", "\(who): \(signature.reason ?? "")"))
            case .none: list.append(("DKIM_NONE", ""))
            }
        }
        let from = dmarc.authorDomains.joined(separator: ",")
        switch dmarc.result {
        case .pass: list.append(("DMARC_PASS", from))
        case .none: list.append(("DMARC_NONE", from))
        case .temperror: list.append(("DMARC_TEMPERROR", "\(from): \(dmarc.reason ?? "")"))
        case .permerror: list.append(("DMARC_PERMERROR", dmarc.reason ?? ""))
        case .fail:
            switch dmarc.disposition {
            case .reject: list.append(("DMARC_REJECT", from))
            case .quarantine: list.append(("DMARC_QUARANTINE", from))
            case .none: list.append(("DMARC_NONE_POLICY_FAIL", from))
            }
        }
        list.append(("ARC_" + arc.result.rawValue.uppercased(), arc.reason ?? arc.sealDomains.joined(separator: ",")))

        var merged: [AuthenticationSymbol] = []
        for (name, detail) in list {
            if let i = merged.firstIndex(where: { $0.name == name }) {
                if !detail.isEmpty { merged[i].detail += merged[i].detail.isEmpty ? detail : "; " + detail }
            } else {
                merged.append(AuthenticationSymbol(name: name, detail: detail))
            }
        }
        return merged
    }
}
