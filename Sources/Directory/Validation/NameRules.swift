import MailCore

/// Syntax rules for the names the directory stores. Everything is stored lowercased:
/// the server treats domains and local parts case-insensitively (RFC 5321 §2.4 allows
/// it for local parts; every mainstream server does it).
enum NameRules {
    static let maxEntityNameLength = 64

    /// Users, groups and public mailboxes: `[a-z0-9._-]`, starting with a letter or digit,
    /// at most 64 characters. The name doubles as a local part at every local domain and
    /// as a directory name under `mail/`, hence the small alphabet.
    static func entityName(_ raw: String, kind: EntityKind) throws(DirectoryError) -> String {
        let name = raw.lowercased()
        guard !name.isEmpty else {
            throw .invalidName(kind, raw, reason: "the name is empty")
        }
        guard name.utf8.count <= maxEntityNameLength else {
            throw .invalidName(kind, raw, reason: "at most \(maxEntityNameLength) characters")
        }
        guard name.utf8.allSatisfy({ isLowerAlnum($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }),
              let first = name.utf8.first, isLowerAlnum(first) else {
            throw .invalidName(kind, raw, reason: "use a-z, 0-9, '.', '_' and '-', starting with a letter or digit")
        }
        return name
    }

    /// A DNS domain name in A-label form, lowercased, without the trailing root dot.
    static func domainName(_ raw: String) throws(DirectoryError) -> String {
        var name = Text.trim(raw).lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        // U-labels (bücher.de) become A-labels (xn--bcher-kva.de), the form mail uses on
        // the wire without SMTPUTF8 and the one stored.
        if !name.unicodeScalars.allSatisfy(\.isASCII),
           let ascii = EmailAddress(localPart: "x", domain: name).asciiDomain {
            name = ascii
        }
        if let reason = hostnameProblem(name) {
            throw .invalidName(.domain, raw, reason: reason)
        }
        return name
    }

    /// Why `name` is not a valid host/domain name (RFC 1123 §2.1 LDH labels), or nil.
    static func hostnameProblem(_ name: String) -> String? {
        if name.isEmpty { return "the name is empty" }
        if !name.unicodeScalars.allSatisfy(\.isASCII) {
            return "use the ASCII (xn--…) form of internationalized names"
        }
        if name.utf8.count > 253 { return "longer than 253 characters" }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            if label.isEmpty { return "empty label" }
            if label.utf8.count > 63 { return "label \"\(label)\" is longer than 63 characters" }
            if label.first == "-" || label.last == "-" {
                return "label \"\(label)\" starts or ends with '-'"
            }
            if !label.utf8.allSatisfy({ isAlnum($0) || $0 == UInt8(ascii: "-") }) {
                return "only letters, digits, '-' and '.' are allowed"
            }
        }
        // A numeric last label means an IP address, which is not a domain.
        if let last = labels.last, last.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return "looks like an IP address, not a domain name"
        }
        return nil
    }

    /// Local parts of aliases: an RFC 5322 dot-atom (atext and single inner dots), at most
    /// 64 octets (RFC 5321 §4.5.3.1.1), lowercased. `%` and `!` are atext, so an alias such
    /// as `a%b` can exist literally; resolution never routes through them.
    static func localPart(_ raw: String, whole: String) throws(DirectoryError) -> String {
        let local = raw.lowercased()
        if local.isEmpty { throw .invalidAddress(whole, reason: "the local part is empty") }
        if local.utf8.count > 64 { throw .invalidAddress(whole, reason: "the local part is longer than 64 characters") }
        if !isDotAtom(local, allowUTF8: true) {
            throw .invalidAddress(whole, reason: "the local part may hold letters (UTF-8 too, RFC 6531), digits and !#$%&'*+-/=?^_`{|}~ with single dots between them")
        }
        return local
    }

    /// An address outside the directory's own names (forward targets, catch-all, copies,
    /// external destinations). Dot-atom local part (quoted local parts are not accepted as
    /// targets) and a valid domain name (no address literals).
    static func externalAddress(_ raw: String) throws(DirectoryError) -> EmailAddress {
        let text = Text.trim(raw)
        let parsed: EmailAddress
        do {
            parsed = try EmailAddress.parse(text)
        } catch {
            throw .invalidAddress(raw, reason: error.message)
        }
        if parsed.isAddressLiteral {
            throw .invalidAddress(raw, reason: "address literals are not accepted here")
        }
        guard parsed.localPart.utf8.count <= 64, isDotAtom(parsed.localPart, allowUTF8: true) else {
            throw .invalidAddress(raw, reason: "the local part must be a plain dot-atom (letters, digits, !#$%&'*+-/=?^_`{|}~ and single dots)")
        }
        var domain = parsed.normalizedDomain
        if domain.hasSuffix(".") { domain.removeLast() }
        if let problem = hostnameProblem(domain) {
            throw .invalidAddress(raw, reason: "domain: \(problem)")
        }
        return EmailAddress(localPart: parsed.localPart, domain: domain)
    }

    /// RFC 5322 dot-atom; with `allowUTF8`, RFC 6531 UTF-8 characters count as atext.
    static func isDotAtom(_ text: String, allowUTF8: Bool = false) -> Bool {
        var previousWasDot = true // forbids a leading dot
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                if previousWasDot { return false }
                previousWasDot = true
            } else if isAtext(byte) || (allowUTF8 && byte >= 0x80) {
                previousWasDot = false
            } else {
                return false
            }
        }
        return !previousWasDot // forbids a trailing dot and the empty string
    }

    /// RFC 5322 §3.2.3 atext (ASCII only; SMTPUTF8 local parts are not directory names).
    static func isAtext(_ byte: UInt8) -> Bool {
        if isAlnum(byte) { return true }
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
             UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"),
             UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "?"),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "{"),
             UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    static func isLowerAlnum(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    static func isAlnum(_ b: UInt8) -> Bool {
        isLowerAlnum(b) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }
}
