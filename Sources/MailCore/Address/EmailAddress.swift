/// An RFC 5321 mailbox (`Local-part "@" ( Domain / address-literal )`), the form used in
/// SMTP envelopes and as the canonical key of every address in the directory.
///
/// `localPart` is stored unquoted (the quoted-string's content with quoted-pairs resolved);
/// `description` re-quotes it when needed, so `parse(description)` round-trips.
///
/// Equality (`==`, `Hashable`) compares the stored text exactly. To compare addresses the
/// way mail does, compare `canonicalKey`s.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public var localPart: String
    /// A domain name (A-labels or U-labels as given) or an address literal in brackets.
    public var domain: String

    /// Stores the parts as given, without validation: use `parse` for untrusted text.
    public init(localPart: String, domain: String) {
        self.localPart = localPart
        self.domain = domain
    }

    /// True when the domain is an address literal such as `[192.0.2.1]` or `[IPv6:…]`.
    public var isAddressLiteral: Bool { domain.hasPrefix("[") }

    // MARK: Parsing

    /// RFC 5321 §4.5.3.1 size limits, in octets of the UTF-8 form.
    public struct LengthLimits: Hashable, Sendable {
        public var localPart: Int
        public var domain: Int
        /// The whole path including `<` and `>` (so a mailbox gets two octets less).
        public var path: Int

        public init(localPart: Int, domain: Int, path: Int) {
            self.localPart = localPart
            self.domain = domain
            self.path = path
        }

        /// 64 / 255 / 256 octets (RFC 5321 §4.5.3.1.1–3). Note that some SRS and VERP
        /// return paths exceed 64 octets in the local part; servers that want to accept
        /// them can relax `localPart` for the reverse path.
        public static let rfc5321 = LengthLimits(localPart: 64, domain: 255, path: 256)
        /// No size limits (DNS label limits still apply).
        public static let unlimited = LengthLimits(localPart: .max, domain: .max, path: .max)
    }

    /// Parses an RFC 5321 `Mailbox` (no angle brackets, no surrounding spaces) with RFC 6531
    /// UTF-8 allowed, enforcing the RFC 5321 length limits. The error message says what is
    /// wrong in plain ASCII words, fit for an SMTP reply or a CLI error.
    public static func parse(_ text: String) throws(AddressSyntaxError) -> EmailAddress {
        try parse(text, limits: .rfc5321)
    }

    public static func parse(_ text: String, limits: LengthLimits) throws(AddressSyntaxError) -> EmailAddress {
        var parser = SMTPMailboxParser(bytes: Array(text.utf8))
        let address = try parser.parseMailbox()
        try address.checkLength(limits)
        return address
    }

    /// Lengths are measured on the minimally quoted form that `description` produces.
    func checkLength(_ limits: LengthLimits) throws(AddressSyntaxError) {
        let localLength = LocalPartSyntax.render(localPart).utf8.count
        if localLength > limits.localPart {
            throw AddressSyntaxError("the local part is \(localLength) octets long; the maximum is \(limits.localPart)")
        }
        let domainLength = domain.utf8.count
        if domainLength > limits.domain {
            throw AddressSyntaxError("the domain is \(domainLength) octets long; the maximum is \(limits.domain)")
        }
        if !isAddressLiteral, !isDomainASCII,
           let ascii = DomainNameSyntax.toASCII(domain: domain, maxOctets: .max),
           ascii.utf8.count > limits.domain {
            throw AddressSyntaxError("the domain is \(ascii.utf8.count) octets long in A-label form; the maximum is \(limits.domain)")
        }
        let pathLength = localLength + 1 + domainLength + 2
        if pathLength > limits.path {
            let maximum = limits.path - 2
            throw AddressSyntaxError("the address is \(pathLength - 2) octets long; the maximum is \(maximum)")
        }
    }

    // MARK: Rendering

    /// `local@domain`, the local part quoted only when it is not a Dot-string
    /// (RFC 5321 §4.1.2: "the minimum quoting possible").
    public var description: String { LocalPartSyntax.render(localPart) + "@" + domain }

    // MARK: SMTPUTF8

    /// False when the address contains non-ASCII characters, i.e. it can only be used in a
    /// transaction with the SMTPUTF8 extension (RFC 6531) or a header under RFC 6532.
    public var isASCII: Bool { isLocalPartASCII && isDomainASCII }

    /// True when the address needs SMTPUTF8 even after converting the domain to A-labels
    /// (RFC 6531 §3.2 lets a client send U-label domains as A-labels).
    public var requiresSMTPUTF8: Bool { !isLocalPartASCII }

    private var isLocalPartASCII: Bool { localPart.utf8.allSatisfy { $0 < 0x80 } }
    private var isDomainASCII: Bool { domain.utf8.allSatisfy { $0 < 0x80 } }

    // MARK: Domain forms

    /// The domain as compared and stored: lowercased, U-labels converted to A-labels
    /// (lowercase + NFC + Punycode, no UTS #46 mapping), address literals in canonical form
    /// (`[IPv6:2001:db8::1]`). Falls back to plain lowercasing when the domain is not valid.
    public var normalizedDomain: String { asciiDomain ?? domain.lowercased() }

    /// The domain in ASCII, fit for DNS and for servers without SMTPUTF8: lowercase A-labels,
    /// or the canonical literal. Nil when the domain is not a valid host name or literal.
    public var asciiDomain: String? {
        if isAddressLiteral {
            guard domain.hasSuffix("]"), domain.utf8.count >= 2,
                  let literal = try? AddressLiteral.parse(String(domain.dropFirst().dropLast()))
            else { return nil }
            return "[" + literal.canonicalText + "]"
        }
        return DomainNameSyntax.toASCII(domain: domain)
    }

    /// The domain with `xn--` labels decoded to Unicode, for display.
    public var unicodeDomain: String {
        isAddressLiteral ? domain : DomainNameSyntax.toUnicode(domain: domain)
    }

    // MARK: Comparison

    /// `localPart + "@" + normalizedDomain`: the key two addresses are compared by.
    ///
    /// Domains compare case-insensitively (DNS, RFC 5321 §2.4). Local parts keep their
    /// case here because RFC 5321 §2.4 says they MAY be case-sensitive; Postino's Directory
    /// lowercases local parts as well — a server policy, applied there, not a rule of the
    /// protocol. Quoting never matters: the local part is stored unquoted (RFC 5321 §4.1.2:
    /// "all quoted forms MUST be treated as equivalent").
    public var canonicalKey: String { localPart + "@" + normalizedDomain }

    // MARK: Relay tricks

    /// True when the local part contains `%`, `!` or `@` — the old "percent hack", UUCP bang
    /// paths and quoted `"user@remote"` forms that can turn a server into an open relay if
    /// anything downstream reinterprets them. Used to refuse `user%remote@local`,
    /// `remote!user@local` and `"user@remote"@local`.
    public var hasRoutingCharacters: Bool {
        localPart.utf8.contains { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "@") }
    }
}

/// Why a string is not a valid address; the message is meant for humans (CLI, SMTP replies)
/// and is always ASCII.
public struct AddressSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
