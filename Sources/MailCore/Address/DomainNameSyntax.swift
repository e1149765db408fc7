import Foundation

/// RFC 5321 §4.1.2 `Domain` (sub-domains of letters, digits and hyphens) extended with
/// RFC 6531 §3.3 U-labels, plus the simple IDNA conversion Postino uses: lowercase, NFC,
/// Punycode. Full UTS #46 mapping (width folding, ideographic full stops…) is out of scope.
enum DomainNameSyntax {
    /// RFC 1035 §2.3.4: a label is at most 63 octets (measured on the A-label for U-labels).
    static let maxLabelOctets = 63

    /// Validates a domain name; the message says which label is wrong and why.
    static func validate(_ domain: String) throws(AddressSyntaxError) {
        guard !domain.isEmpty else { throw AddressSyntaxError("the domain (after \"@\") is empty") }
        if domain.hasPrefix(".") { throw AddressSyntaxError("the domain must not start with a dot") }
        if domain.hasSuffix(".") {
            throw AddressSyntaxError("the domain must not end with a dot")
        }
        for label in domain.split(separator: ".", omittingEmptySubsequences: false) {
            if label.isEmpty {
                throw AddressSyntaxError("the domain must not contain two dots in a row")
            }
            try validateLabel(label)
        }
    }

    private static func validateLabel(_ label: Substring) throws(AddressSyntaxError) {
        if label.hasPrefix("-") {
            throw AddressSyntaxError("domain label \(AddressCharacters.quote(label)) must not start with a hyphen")
        }
        if label.hasSuffix("-") {
            throw AddressSyntaxError("domain label \(AddressCharacters.quote(label)) must not end with a hyphen")
        }
        var isASCII = true
        for scalar in label.unicodeScalars {
            if scalar.isASCII {
                if !AddressCharacters.isLetterOrDigit(UInt8(scalar.value)) && scalar != "-" {
                    throw AddressSyntaxError(invalidCharacterMessage(scalar))
                }
            } else {
                isASCII = false
                guard isULabelCharacter(scalar) else {
                    throw AddressSyntaxError(invalidCharacterMessage(scalar))
                }
            }
        }
        if isASCII {
            if label.utf8.count > maxLabelOctets {
                throw AddressSyntaxError("domain label \(AddressCharacters.quote(label, limit: 20)) is \(label.utf8.count) octets long; the maximum is \(maxLabelOctets)")
            }
            return
        }
        // Every non-ASCII character costs at least one Punycode digit, so a label this long
        // cannot fit; checking first also keeps the quadratic encoder off huge input.
        let aLabel = label.unicodeScalars.count <= maxLabelOctets ? toASCII(label: label) : nil
        guard let aLabel, aLabel.utf8.count <= maxLabelOctets else {
            throw AddressSyntaxError("domain label \(AddressCharacters.quote(label, limit: 20)) is longer than \(maxLabelOctets) octets once converted to an A-label (xn--...)")
        }
    }

    static func invalidCharacterMessage(_ scalar: Unicode.Scalar) -> String {
        "\(AddressCharacters.describe(scalar)) is not allowed in a domain name (only letters, digits, hyphens and dots)"
    }

    /// RFC 6531 §3.3 allows U-labels. Postino accepts letters, marks and digits — a loose
    /// stand-in for the IDNA2008 PVALID set that keeps out spaces, punctuation, symbols
    /// and invisible characters.
    static func isULabelCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark, .otherLetter, .modifierLetter:
            return true
        default:
            return false
        }
    }

    /// The lowercase A-label form of one label: ASCII labels lowercased, others lowercased,
    /// NFC-normalised and Punycode-encoded after `xn--`. Nil if Punycode overflows.
    static func toASCII(label: Substring) -> String? {
        if label.utf8.allSatisfy({ $0 < 0x80 }) { return label.lowercased() }
        let prepared = label.lowercased().precomposedStringWithCanonicalMapping
        return Punycode.encode(prepared).map { "xn--" + $0 }
    }

    /// The lowercase A-label form of a whole domain name, or nil when the result is not a
    /// valid DNS host name (LDH labels of 1…63 octets, at most `maxOctets` in all).
    static func toASCII(domain: String, maxOctets: Int = 255) -> String? {
        var labels: [String] = []
        for label in domain.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty, !label.hasPrefix("-"), !label.hasSuffix("-") else { return nil }
            if !label.utf8.allSatisfy({ $0 < 0x80 }) {
                guard label.unicodeScalars.allSatisfy({ $0.isASCII || isULabelCharacter($0) }),
                      label.unicodeScalars.count <= maxLabelOctets else { return nil }
            }
            guard let ascii = toASCII(label: label),
                  ascii.utf8.count <= maxLabelOctets,
                  ascii.utf8.allSatisfy({ AddressCharacters.isLetterOrDigit($0) || $0 == AddressCharacters.hyphen })
            else { return nil }
            labels.append(ascii)
        }
        let result = labels.joined(separator: ".")
        return result.utf8.count <= maxOctets ? result : nil
    }

    /// Replaces every `xn--` label that is valid Punycode by its Unicode form; other labels
    /// are kept as they are. For display only.
    static func toUnicode(domain: String) -> String {
        domain.split(separator: ".", omittingEmptySubsequences: false).map { label -> String in
            guard label.count > 4, label.lowercased().hasPrefix("xn--"),
                  let decoded = Punycode.decode(String(label.dropFirst(4))) else { return String(label) }
            return decoded
        }.joined(separator: ".")
    }
}
