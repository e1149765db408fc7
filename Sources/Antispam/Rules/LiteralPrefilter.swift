/// A necessary condition for a regular expression: literals of which every match
/// contains at least one (lower case; a case-sensitive match contains it as written, so
/// its lower case too). When none of them is in the text, the regex cannot match and is
/// not run — most rules never fire on most messages, and a byte search is far cheaper
/// than the regex engine. Derived automatically and only when sure; nil means "always
/// run the regex". `leading`: every match also begins with one of them (false when a
/// `\s*` comes first).
enum LiteralPrefilter {
    static func literals(_ pattern: String) -> Set<String>? {
        analysis(pattern)?.literals
    }

    static func analysis(_ pattern: String) -> (literals: Set<String>, leading: Bool)? {
        var leading = true
        guard let set = required(Array(pattern)[...], leading: &leading), !set.isEmpty else { return nil }
        return (set, leading)
    }

    /// Literals one of which every match of `p` contains.
    static func required(_ p: ArraySlice<Character>, leading: inout Bool) -> Set<String>? {
        var result = Set<String>()
        for alternative in splitAlternatives(p) {
            guard let literal = leadingRequired(alternative, leading: &leading) else { return nil }
            result.formUnion(literal)
        }
        return result
    }

    /// Splits at `|` outside groups and classes.
    static func splitAlternatives(_ p: ArraySlice<Character>) -> [ArraySlice<Character>] {
        var parts: [ArraySlice<Character>] = []
        var depth = 0, inClass = false
        var start = p.startIndex
        var i = p.startIndex
        while i < p.endIndex {
            let c = p[i]
            if c == "\\" { i += 2; continue }
            if inClass { if c == "]" { inClass = false } } else if c == "[" { inClass = true } else if c == "(" { depth += 1 } else if c == ")" { depth -= 1 } else if c == "|", depth == 0 {
                parts.append(p[start..<i])
                start = i + 1
            }
            i += 1
        }
        parts.append(p[start..<min(i, p.endIndex)])
        return parts
    }

    /// The mandatory literal (or group of literals) at the start of an alternative.
    static func leadingRequired(_ alt: ArraySlice<Character>, leading: inout Bool) -> Set<String>? {
        var i = alt.startIndex
        // Zero-width or skippable-but-consuming prefixes: what follows is still mandatory.
        while i < alt.endIndex {
            if alt[i] == "^" { i += 1; continue }
            if alt[i] == "\\", i + 1 < alt.endIndex, alt[i + 1] == "b" { i += 2; continue }
            // Optional white space: still mandatory after it, but the match may begin before.
            if alt[i] == "\\", i + 2 < alt.endIndex, alt[i + 1] == "s", alt[i + 2] == "*" { i += 3; leading = false; continue }
            break
        }
        guard i < alt.endIndex else { return nil }
        if alt[i] == "(" {
            guard let close = matchingParen(alt, i) else { return nil }
            if close + 1 < alt.endIndex, "?*{".contains(alt[close + 1]) { return nil }
            var inner = alt[(i + 1)..<close]
            if inner.first == "?" {
                guard inner.count >= 2, inner[inner.startIndex + 1] == ":" else { return nil }
                inner = inner.dropFirst(2)
            }
            return required(inner, leading: &leading)
        }
        var literal = ""
        var lastIndexStart = i
        while i < alt.endIndex {
            let c = alt[i]
            // Characters that stand for themselves outside a class (`#` is left out: a comment under the `x` flag).
            if c.isLetter || c.isNumber || " -',%!:=<>&@/\";_~".contains(c) {
                lastIndexStart = i
                literal.append(c)
                i += 1
            } else if c == "\\", i + 1 < alt.endIndex, "$.?*+()[]{}/|\\".contains(alt[i + 1]) {
                lastIndexStart = i
                literal.append(alt[i + 1])
                i += 2
            } else {
                break
            }
        }
        _ = lastIndexStart
        // A quantifier after the literal makes its last character optional, unless it is
        // {n} or {n,} with n ≥ 1: then the character is there n times.
        if i < alt.endIndex, "?*{".contains(alt[i]), let last = literal.last {
            literal.removeLast()
            if alt[i] == "{" {
                let digits = alt[(i + 1)...].prefix(while: \.isNumber)
                let after = i + 1 + digits.count
                if let n = Int(String(digits)), n >= 1, after < alt.endIndex, alt[after] == "}" || alt[after] == "," {
                    literal.append(String(repeating: last, count: min(n, 8)))
                }
            }
        }
        let lower = literal.lowercased()
        // Short literals too: even "--" or ">" spares most texts a full regex scan (the
        // rules without a prefilter were the costliest ones), and when they lead, their
        // places are tried one by one like any other (`LiteralMatcher` lists 16 at most).
        guard !lower.isEmpty, lower.allSatisfy({ $0.isASCII }) else { return nil }
        return [lower]
    }

    static func matchingParen(_ p: ArraySlice<Character>, _ open: Int) -> Int? {
        var depth = 0, inClass = false
        var i = open
        while i < p.endIndex {
            let c = p[i]
            if c == "\\" { i += 2; continue }
            if inClass { if c == "]" { inClass = false } } else if c == "[" { inClass = true } else if c == "(" { depth += 1 } else if c == ")" {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return nil
    }
}
