/// A cursor over the UTF-8 bytes of an SMTP argument that reads RFC 5321 §4.1.2
/// `Mailbox = Local-part "@" ( Domain / address-literal )`, extended by RFC 6531 §3.3 with
/// UTF-8 in the local part and U-labels in the domain.
///
/// Single pass, no backtracking. The caller says which byte may follow the mailbox
/// (`>` inside a path, nothing for a bare address) so errors point at the real culprit.
struct SMTPMailboxParser {
    typealias C = AddressCharacters

    let bytes: [UInt8]
    private(set) var position: Int

    init(bytes: [UInt8], position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func advance() { position += 1 }

    /// Reads a mailbox and stops at the byte after it, which must be one of `terminators`
    /// (or the end of input).
    mutating func parseMailbox(terminators: Set<UInt8> = []) throws(AddressSyntaxError) -> EmailAddress {
        let localPart = try parseLocalPart()
        position += 1  // "@", checked by parseLocalPart
        let domain = try parseDomainOrAddressLiteral(terminators: terminators)
        return EmailAddress(localPart: localPart, domain: domain)
    }

    // MARK: Local part

    /// `Local-part = Dot-string / Quoted-string`; returns the unquoted text and leaves the
    /// cursor on the "@".
    mutating func parseLocalPart() throws(AddressSyntaxError) -> String {
        guard let first = current else { throw AddressSyntaxError("the address is empty") }
        if first == C.dquote { return try parseQuotedLocalPart() }
        if first == C.at { throw AddressSyntaxError("the local part (before \"@\") is empty") }

        let start = position
        while let b = current, b == C.dot || C.isASCIIAtext(b) || b >= 0x80 {
            if C.isC1Control(bytes, at: position) {
                throw AddressSyntaxError("\(C.describe(bytes, at: position)) is not allowed in an address")
            }
            position += 1
        }
        let local = bytes[start..<position]
        guard let next = current, next == C.at else {
            throw unexpectedInLocalPart(isEmpty: local.isEmpty)
        }
        if local.first == C.dot { throw AddressSyntaxError("the local part must not start with a dot") }
        if local.last == C.dot { throw AddressSyntaxError("the local part must not end with a dot") }
        if zip(local, local.dropFirst()).contains(where: { $0 == C.dot && $1 == C.dot }) {
            throw AddressSyntaxError("the local part must not contain two dots in a row")
        }
        return String(decoding: local, as: UTF8.self)
    }

    private func unexpectedInLocalPart(isEmpty: Bool) -> AddressSyntaxError {
        guard let b = current else {
            return AddressSyntaxError(isEmpty ? "the address is empty" : "the address has no \"@\" followed by a domain")
        }
        if b == C.greaterThan && !isEmpty {  // "<user>" in a path
            return AddressSyntaxError("the address has no \"@\" followed by a domain")
        }
        if b == C.dquote {
            return AddressSyntaxError("a double quote may only enclose the whole local part, as in \"john doe\"@example.com")
        }
        if b == C.lessThan && position == 0 {
            return AddressSyntaxError("the address must be given without angle brackets, as in user@example.com")
        }
        if b == C.space || b == C.tab {
            if isEmpty && position == 0 { return AddressSyntaxError("the address must not start with a space") }
            return AddressSyntaxError("a space is not allowed in the local part unless it is quoted, as in \"john doe\"@example.com")
        }
        return AddressSyntaxError("\(C.describe(bytes, at: position)) is not allowed in the local part unless it is quoted")
    }

    /// RFC 5321 `Quoted-string = DQUOTE *QcontentSMTP DQUOTE`, quoted-pairs resolved.
    private mutating func parseQuotedLocalPart() throws(AddressSyntaxError) -> String {
        position += 1
        var content: [UInt8] = []
        while true {
            guard let b = current else {
                throw AddressSyntaxError("the quoted local part has no closing double quote")
            }
            if b == C.dquote {
                position += 1
                break
            }
            if b == C.backslash {
                // quoted-pairSMTP = %d92 %d32-126
                position += 1
                guard let escaped = current else {
                    throw AddressSyntaxError("the quoted local part has no closing double quote")
                }
                guard (32...126).contains(escaped) else {
                    throw AddressSyntaxError("a backslash in a quoted local part must be followed by a printable ASCII character or a space")
                }
                content.append(escaped)
                position += 1
                continue
            }
            // qtextSMTP = %d32-33 / %d35-91 / %d93-126, plus UTF8-non-ascii (RFC 6531).
            if (32...126).contains(b) || (b >= 0x80 && !C.isC1Control(bytes, at: position)) {
                content.append(b)
                position += 1
                continue
            }
            throw AddressSyntaxError("\(C.describe(bytes, at: position)) is not allowed in a quoted local part")
        }
        // `""@example.com` matches the grammar but names nobody; refusing it also keeps an
        // empty local part from ever producing a key like "@example.com" (a catch-all).
        guard !content.isEmpty else { throw AddressSyntaxError("the local part is empty (\"\")") }
        guard let next = current else {
            throw AddressSyntaxError("the address has no \"@\" followed by a domain")
        }
        guard next == C.at else {
            throw AddressSyntaxError("expected \"@\" after the quoted local part, found \(C.describe(bytes, at: position))")
        }
        return String(decoding: content, as: UTF8.self)
    }

    // MARK: Domain

    /// `Domain / address-literal`, returned as written (literals with their brackets).
    mutating func parseDomainOrAddressLiteral(terminators: Set<UInt8>) throws(AddressSyntaxError) -> String {
        if current == C.openBracket { return try parseAddressLiteral(terminators: terminators) }
        return try parseDomain(terminators: terminators)
    }

    /// `Domain = sub-domain *("." sub-domain)` with U-labels.
    mutating func parseDomain(terminators: Set<UInt8>) throws(AddressSyntaxError) -> String {
        let start = position
        while let b = current, C.isLetterOrDigit(b) || b == C.hyphen || b == C.dot || b >= 0x80 {
            position += 1
        }
        try checkTerminator(terminators, emptyDomain: position == start)
        let domain = String(decoding: bytes[start..<position], as: UTF8.self)
        try DomainNameSyntax.validate(domain)
        return domain
    }

    private func checkTerminator(_ terminators: Set<UInt8>, emptyDomain: Bool) throws(AddressSyntaxError) {
        guard let b = current else {
            if emptyDomain { throw AddressSyntaxError("the domain (after \"@\") is empty") }
            return
        }
        if terminators.contains(b) {
            if emptyDomain { throw AddressSyntaxError("the domain (after \"@\") is empty") }
            return
        }
        if b == C.at {
            throw AddressSyntaxError("the address contains more than one \"@\"; quote the local part if it contains one")
        }
        throw AddressSyntaxError(DomainNameSyntax.invalidCharacterMessage(C.scalar(in: bytes, at: position)))
    }

    /// `"[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]"`.
    private mutating func parseAddressLiteral(terminators: Set<UInt8>) throws(AddressSyntaxError) -> String {
        position += 1
        let start = position
        while let b = current, b != C.closeBracket {
            guard AddressLiteral.isDcontent(b) else {
                throw AddressSyntaxError("\(C.describe(bytes, at: position)) is not allowed in an address literal")
            }
            position += 1
        }
        guard current == C.closeBracket else {
            throw AddressSyntaxError("the address literal has no closing \"]\"")
        }
        let content = String(decoding: bytes[start..<position], as: UTF8.self)
        position += 1
        _ = try AddressLiteral.parse(content)
        if let b = current, !terminators.contains(b) {
            throw AddressSyntaxError("\(C.describe(bytes, at: position)) is not allowed after the address literal")
        }
        return "[" + content + "]"
    }
}
