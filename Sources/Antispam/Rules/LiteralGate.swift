/// A second necessary condition for a regular expression, beside `LiteralPrefilter`'s
/// leading literals: for each alternative, its longest mandatory literal wherever it
/// stands ("remove" in `to (be )?remove(d)? …`, whose leading "to " is in every text).
/// A rule runs only when one of its gate literals occurs too. Derived only when sure;
/// nil when it would be no better than the prefilter.
enum LiteralGate {
    static func gate(_ pattern: String, prefilter: Set<String>?) -> Set<String>? {
        // Inline flags ((?x) makes spaces and # mean something else) and \Q…\E quoting:
        // not analysed.
        let unsure = pattern.replacingOccurrences(of: "(?:", with: "").contains("(?") || pattern.contains("\\Q")
        guard !unsure, let best = best(Array(pattern)[...]), shortest(best) >= minimumLength else { return nil }
        if let prefilter, shortest(best) <= shortest(prefilter) { return nil }
        return best
    }

    /// Shorter gates (a space, a comma) are in nearly every text: they would cost the
    /// literal scan more than they save.
    static let minimumLength = 4

    static func shortest(_ set: Set<String>) -> Int { set.map(\.count).min() ?? 0 }

    /// For each alternative its best mandatory literal set, united; nil when one has none.
    static func best(_ p: ArraySlice<Character>) -> Set<String>? {
        var result = Set<String>()
        for alternative in LiteralPrefilter.splitAlternatives(p) {
            guard let chosen = mandatory(alternative).max(by: { shortest($0) < shortest($1) }) else { return nil }
            result.formUnion(chosen)
        }
        return result
    }

    /// Sets of literals one of which every match of `alt` contains (lower case).
    static func mandatory(_ alt: ArraySlice<Character>) -> [Set<String>] {
        var found: [Set<String>] = []
        var run = ""
        func endRun() {
            let lower = run.lowercased()
            if !lower.isEmpty, lower.allSatisfy(\.isASCII) { found.append([lower]) }
            run = ""
        }
        var i = alt.startIndex
        while i < alt.endIndex {
            let c = alt[i]
            if c == "(" {
                endRun()
                guard let close = LiteralPrefilter.matchingParen(alt, i) else { return found }
                let after = close + 1
                var inner = alt[(i + 1)..<close]
                var usable = true
                if inner.first == "?" {
                    // Only non-capturing groups; lookarounds and flags are left alone.
                    if inner.count >= 2, inner[inner.startIndex + 1] == ":" { inner = inner.dropFirst(2) } else { usable = false }
                }
                i = skipQuantifier(alt, after)
                if usable, !optional(alt, after), let set = best(inner) { found.append(set) }
                continue
            }
            if c == "[" {
                endRun()
                i = skipQuantifier(alt, skipClass(alt, i))
                continue
            }
            if c == "\\", i + 1 < alt.endIndex {
                let next = alt[i + 1]
                if "$.?*+()[]{}/|\\".contains(next) {
                    let step = literal(next, alt, i + 2)
                    run += step.text
                    if step.ends { endRun() }
                    i = step.next
                } else {
                    endRun()                                   // \b, \s, \d, \w…: not a literal
                    i = skipQuantifier(alt, i + 2)
                }
                continue
            }
            if c.isLetter || c.isNumber || " -',%!:=<>&@/\";_~".contains(c) {
                let step = literal(c, alt, i + 1)
                run += step.text
                if step.ends { endRun() }
                i = step.next
                continue
            }
            if c == "#" { break }                              // a comment under (?x): stop
            endRun()                                           // ., ^, $…
            i = skipQuantifier(alt, i + 1)
        }
        endRun()
        return found
    }

    /// What the literal character `c` adds to the run, honouring a quantifier after it:
    /// optional adds nothing and ends the run; {n} or {n,} repeats it; + keeps it once.
    static func literal(_ c: Character, _ alt: ArraySlice<Character>, _ next: Int) -> (text: String, ends: Bool, next: Int) {
        guard next < alt.endIndex, "?*+{".contains(alt[next]) else { return (String(c), false, next) }
        var text = ""
        if alt[next] == "+" {
            text = String(c)
        } else if alt[next] == "{" {
            let digits = alt[(next + 1)...].prefix(while: \.isNumber)
            if let n = Int(String(digits)), n >= 1 { text = String(repeating: c, count: min(n, 8)) }
        }
        return (text, true, skipQuantifier(alt, next))
    }

    /// True when the quantifier at `i` allows zero repetitions.
    static func optional(_ alt: ArraySlice<Character>, _ i: Int) -> Bool {
        guard i < alt.endIndex else { return false }
        if alt[i] == "?" || alt[i] == "*" { return true }
        if alt[i] == "{" { return Int(String(alt[(i + 1)...].prefix(while: \.isNumber))) ?? 0 == 0 }
        return false
    }

    /// The index after a quantifier at `i` (and its lazy or possessive mark), or `i`.
    static func skipQuantifier(_ alt: ArraySlice<Character>, _ i: Int) -> Int {
        guard i < alt.endIndex else { return i }
        var j = i
        if "?*+".contains(alt[j]) {
            j += 1
        } else if alt[j] == "{" {
            while j < alt.endIndex, alt[j] != "}" { j += 1 }
            j = min(j + 1, alt.endIndex)
        } else {
            return i
        }
        if j < alt.endIndex, alt[j] == "?" || alt[j] == "+" { j += 1 }
        return j
    }

    /// The index after the class that opens at `i`.
    static func skipClass(_ alt: ArraySlice<Character>, _ i: Int) -> Int {
        var j = i + 1
        if j < alt.endIndex, alt[j] == "^" { j += 1 }
        if j < alt.endIndex, alt[j] == "]" { j += 1 }              // a leading ] is literal
        var depth = 1
        while j < alt.endIndex {
            if alt[j] == "\\" { j += 2; continue }
            if alt[j] == "[" { depth += 1 } else if alt[j] == "]" {
                depth -= 1
                if depth == 0 { return j + 1 }
            }
            j += 1
        }
        return alt.endIndex
    }
}
