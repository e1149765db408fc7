/// IMAP flag lists as RFC 5232 §3 handles them: space-separated names, no duplicates
/// (compared case-insensitively), order kept.
enum FlagList {
    static func parse(_ strings: [String]) -> [String] {
        var result: [String] = []
        var seen: Set<String> = []
        for string in strings {
            for flag in string.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }) {
                let name = String(flag)
                if seen.insert(name.lowercased()).inserted { result.append(name) }
            }
        }
        return result
    }

    static func union(_ a: [String], _ b: [String]) -> [String] { parse(a + b) }

    static func removing(_ removed: [String], from flags: [String]) -> [String] {
        let drop = Set(parse(removed).map { $0.lowercased() })
        return flags.filter { !drop.contains($0.lowercased()) }
    }

    static func render(_ flags: [String]) -> String { flags.joined(separator: " ") }
}
