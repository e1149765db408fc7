/// IMAP flag lists as RFC 5232 handles them: space-separated names, no duplicates
/// (compared case-insensitively), order kept, and only flags IMAP lets a client set.
enum FlagList {
    /// The settable flags of `strings`, each string a space-separated list (RFC 5232 §2).
    static func parse(_ strings: [String]) -> [String] { split(strings).valid }

    /// The settable flags, and the words refused: RFC 5232 §2 "If a flag validity check
    /// fails, the flag MUST be ignored", and \Recent or any other system flag IMAP does not
    /// let a client set "MUST be ignored if included in a flag list".
    static func split(_ strings: [String]) -> (valid: [String], refused: [String]) {
        var valid: [String] = []
        var refused: [String] = []
        var seen: Set<String> = []
        for string in strings {
            for flag in string.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }) {
                let name = String(flag)
                guard isSettable(name) else {
                    refused.append(name)
                    continue
                }
                if seen.insert(name.lowercased()).inserted { valid.append(name) }
            }
        }
        return (valid, refused)
    }

    /// The system flags a client may set (RFC 3501 §2.3.2 and its `flag` rule: \Recent is
    /// not one; other "\" names are reserved for future extensions).
    static let settableSystemFlags: Set<String> = ["\\answered", "\\flagged", "\\deleted", "\\seen", "\\draft"]

    /// RFC 3501 §9: `flag = "\Answered" / … / flag-keyword`, `flag-keyword = atom`.
    static func isSettable(_ flag: String) -> Bool {
        if flag.hasPrefix("\\") { return settableSystemFlags.contains(flag.lowercased()) }
        return !flag.isEmpty && flag.utf8.allSatisfy(isAtomChar)
    }

    /// ATOM-CHAR: any CHAR except atom-specials — "(" ")" "{" SP CTL "%" "*" DQUOTE "\" "]";
    /// CHAR is 7-bit, so non-ASCII is refused too (RFC 5232 §2).
    private static func isAtomChar(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else { return false }
        return !"(){%*\"\\]".utf8.contains(byte)
    }

    static func union(_ a: [String], _ b: [String]) -> [String] { parse(a + b) }

    static func removing(_ removed: [String], from flags: [String]) -> [String] {
        let drop = Set(parse(removed).map { $0.lowercased() })
        return flags.filter { !drop.contains($0.lowercased()) }
    }

    static func render(_ flags: [String]) -> String { flags.joined(separator: " ") }
}
