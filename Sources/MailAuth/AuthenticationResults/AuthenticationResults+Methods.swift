/// The `spf=`, `dmarc=` and ARC parts of an Authentication-Results field (RFC 8601 §2.7,
/// RFC 9989, RFC 8617 §5.2); `dkim=` is `DKIMVerificationResult.authenticationResultsFragment`.
extension AuthenticationResults {
    /// `spf=pass smtp.mailfrom=user@example.com`, or `smtp.helo=` for the HELO identity
    /// (RFC 8601 §2.7.2); a reason for the error results.
    public static func spfFragment(_ spf: SPFCheckResult) -> String {
        var parts = ["spf=\(spf.result.rawValue)"]
        if spf.result == .temperror || spf.result == .permerror, let reason = spf.reason {
            parts.append("reason=\(quotedIfNeeded(reason))")
        }
        if !spf.domain.isEmpty {
            switch spf.identity {
            case .mailFrom: parts.append("smtp.mailfrom=\(quotedIfNeeded(spf.sender))")
            case .helo: parts.append("smtp.helo=\(quotedIfNeeded(spf.domain))")
            }
        }
        return parts.joined(separator: " ")
    }

    /// `dmarc=fail (p=reject dis=reject) header.from=example.com`.
    public static func dmarcFragment(_ dmarc: DMARCEvaluation) -> String {
        var parts = ["dmarc=\(dmarc.result.rawValue)"]
        if dmarc.result == .temperror || dmarc.result == .permerror, let reason = dmarc.reason {
            parts.append("reason=\(quotedIfNeeded(reason))")
        }
        if let policy = dmarc.policy { parts.append("(p=\(policy.rawValue) dis=\(dmarc.disposition.rawValue))") }
        if let domain = dmarc.authorDomains.first { parts.append("header.from=\(quotedIfNeeded(domain))") }
        return parts.joined(separator: " ")
    }

    /// The authserv-id an Authentication-Results field value claims (RFC 8601 §2.2: the
    /// first `value` after comments are removed), or nil when there is none.
    public static func authservID(ofFieldValue value: String) -> String? {
        var text = ""
        var depth = 0
        var escaped = false
        var inQuotes = false
        for scalar in value.unicodeScalars {
            if escaped { escaped = false; if depth == 0 { text.unicodeScalars.append(scalar) }; continue }
            if scalar == "\\" { escaped = true; if depth == 0 { text.unicodeScalars.append(scalar) }; continue }
            if inQuotes {
                if scalar == "\"" { inQuotes = false }
                text.unicodeScalars.append(scalar)
                continue
            }
            if scalar == "(" { depth += 1; continue }
            if scalar == ")" { depth = max(0, depth - 1); continue }
            if depth > 0 { continue }
            if scalar == "\"" { inQuotes = true }
            text.unicodeScalars.append(scalar)
        }
        let head = text.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard var id = head.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).first.map(String.init),
              !id.isEmpty else { return nil }
        if id.hasPrefix("\""), id.hasSuffix("\""), id.count >= 2 {
            id = String(id.dropFirst().dropLast()).replacingOccurrences(of: "\\", with: "")
        }
        return id
    }
}
