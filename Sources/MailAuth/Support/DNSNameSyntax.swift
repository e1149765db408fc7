/// Syntax checks for the DNS names DKIM handles (domains in `d=`, selectors in `s=`,
/// names used as file names by the key store).
enum DNSNameSyntax {
    /// RFC 5321 `Domain = sub-domain *("." sub-domain)`, `sub-domain = Let-dig [Ldh-str]`
    /// (letters, digits, inner hyphens), labels of at most 63 octets, 253 in all.
    /// `allowUnderscore` admits the underscore that some selectors use.
    static func isValid(_ name: String, minimumLabels: Int = 1, allowUnderscore: Bool = false) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        let labels = bytes.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard labels.count >= minimumLabels else { return false }
        for label in labels {
            guard let first = label.first, let last = label.last, label.count <= 63 else { return false }
            let isLetDig: (UInt8) -> Bool = { Byte.isAlpha($0) || Byte.isDigit($0) || (allowUnderscore && $0 == 0x5F) }
            guard isLetDig(first), isLetDig(last) else { return false }
            guard label.allSatisfy({ isLetDig($0) || $0 == 0x2D }) else { return false }
        }
        return true
    }

    /// Whether `name` is `domain` or a subdomain of it (both lower case).
    static func isSame(_ name: String, orSubdomainOf domain: String) -> Bool {
        name == domain || name.hasSuffix("." + domain)
    }
}
