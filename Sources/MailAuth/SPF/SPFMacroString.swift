/// A `macro-string` or `explain-string` of RFC 7208 §7.1, parsed once and expanded per
/// check.
struct SPFMacroString: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case literal([UInt8])
        /// `%{…}`: the letter in lower case, whether it was upper case (URL-escape the
        /// result, §7.3), the number of right-hand parts to keep, reversal and delimiters.
        case macro(letter: UInt8, escape: Bool, keep: Int?, reverse: Bool, delimiters: [UInt8])
        /// `%%`, `%_`, `%-` (macro-expand by the grammar, constant text in effect).
        case escape([UInt8])
    }

    let tokens: [Token]

    /// Letters of §7.3; `c`, `r` and `t` only in explanations (§7.1 "The following macro
    /// letters are allowed only in "exp" text: c, r, t").
    static let domainLetters = Array("slodiphv".utf8)
    static let explanationLetters = Array("slodiphvcrt".utf8)

    /// Parses `bytes`; nil on a syntax error (a lone `%`, an unknown letter, a zero
    /// DIGIT transformer, a character outside `macro-literal`).
    /// - Parameter explanation: the `explain-string` form: SP and `c`/`r`/`t` allowed.
    init?(_ bytes: some Collection<UInt8>, explanation: Bool = false) {
        let bytes = Array(bytes)
        let letters = explanation ? Self.explanationLetters : Self.domainLetters
        var tokens: [Token] = []
        var literal: [UInt8] = []
        var i = 0
        func flush() {
            if !literal.isEmpty { tokens.append(.literal(literal)) }
            literal = []
        }
        while i < bytes.count {
            let b = bytes[i]
            if b != 0x25 {
                // macro-literal = %x21-24 / %x26-7E; explain-string adds SP.
                guard (0x21...0x7E).contains(b) || (explanation && b == 0x20) else { return nil }
                literal.append(b)
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { return nil }
            switch bytes[i + 1] {
            case 0x25: flush(); tokens.append(.escape([0x25])); i += 2
            case 0x5F: flush(); tokens.append(.escape([0x20])); i += 2
            case 0x2D: flush(); tokens.append(.escape(Array("%20".utf8))); i += 2
            case 0x7B:
                // "%{" macro-letter transformers *delimiter "}"
                var j = i + 2
                guard j < bytes.count else { return nil }
                let raw = bytes[j]
                let lower = Byte.lowercased(raw)
                guard letters.contains(lower) else { return nil }
                j += 1
                var digits: [UInt8] = []
                while j < bytes.count, Byte.isDigit(bytes[j]) { digits.append(bytes[j]); j += 1 }
                var keep: Int?
                if !digits.isEmpty {
                    // §7.1: "If a DIGIT is specified, the value MUST be nonzero."
                    let value = digits.prefix(4).reduce(0) { $0 * 10 + Int($1 - 0x30) }
                    guard value > 0 else { return nil }
                    keep = value
                }
                var reverse = false
                if j < bytes.count, bytes[j] == 0x72 || bytes[j] == 0x52 { reverse = true; j += 1 }
                var delimiters: [UInt8] = []
                while j < bytes.count, Array(".-+,/_=".utf8).contains(bytes[j]) { delimiters.append(bytes[j]); j += 1 }
                guard j < bytes.count, bytes[j] == 0x7D else { return nil }
                flush()
                tokens.append(.macro(letter: lower, escape: raw != lower, keep: keep, reverse: reverse,
                                     delimiters: delimiters))
                i = j + 1
            default:
                return nil
            }
        }
        flush()
        self.tokens = tokens
    }

    var isEmpty: Bool { tokens.isEmpty }

    /// Whether the string uses `%{p}` (which costs DNS lookups to expand).
    var usesValidatedDomain: Bool {
        tokens.contains { if case .macro(0x70, _, _, _, _) = $0 { return true } else { return false } }
    }

    /// `domain-spec = macro-string domain-end`, `domain-end = ( "." toplabel [ "." ] ) /
    /// macro-expand` (§7.1).
    var isDomainSpec: Bool {
        guard let last = tokens.last else { return false }
        guard case .literal(var tail) = last else { return true }
        if tail.last == 0x2E { tail.removeLast() }
        guard let dot = tail.lastIndex(of: 0x2E) else { return false }
        return Self.isTopLabel(tail[(dot + 1)...])
    }

    /// `toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )`.
    static func isTopLabel(_ label: ArraySlice<UInt8>) -> Bool {
        guard let first = label.first, let last = label.last else { return false }
        let alnum = { (b: UInt8) in Byte.isAlpha(b) || Byte.isDigit(b) }
        guard label.allSatisfy({ alnum($0) || $0 == 0x2D }), alnum(first), alnum(last) else { return false }
        return label.contains(where: Byte.isAlpha) || label.contains(0x2D)
    }

    /// Expands with `values` giving each letter's value (§7.3).
    func expand(_ values: (UInt8) -> [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for token in tokens {
            switch token {
            case .literal(let bytes), .escape(let bytes):
                out.append(contentsOf: bytes)
            case .macro(let letter, let escape, let keep, let reverse, let delimiters):
                let value = values(letter)
                let separators = delimiters.isEmpty ? [UInt8(0x2E)] : delimiters
                var parts = value.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) })
                if reverse { parts.reverse() }
                if let keep, keep < parts.count { parts = Array(parts.suffix(keep)) }
                let joined = Array(parts.joined(separator: [0x2E]))
                out.append(contentsOf: escape ? Self.urlEscaped(joined) : joined)
            }
        }
        return out
    }

    /// Upper-case macros are URL-escaped: everything outside `unreserved` (RFC 3986)
    /// becomes `%XX` (§7.3).
    static func urlEscaped(_ bytes: [UInt8]) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in bytes {
            if Byte.isAlpha(b) || Byte.isDigit(b) || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E {
                out.append(b)
            } else {
                out.append(contentsOf: [0x25, hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
            }
        }
        return out
    }
}
