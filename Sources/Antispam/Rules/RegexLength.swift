/// The longest text a regular expression can match, in scalars, when that is bounded and
/// sure: an anchored rule attempt then needs only a window that long (4 UTF-8 bytes a
/// scalar, one more scalar for a `\b` or a line-mode `$` after it) instead of 4 KB.
/// Nil — "unknown, use the big window" — for anything it does not follow: `*`, `+`,
/// `{n,}`, look-arounds, back-references, inline flags, nested classes, end-of-input
/// anchors, `\R`/`\X`/`\p`/`\x`/`\u`/`\N`/`\Q`/`\k`, and non-ASCII patterns (case folding
/// can make one pattern letter match two: ß/ss).
enum RegexLength {
    static func maximum(_ pattern: String, lineAnchors: Bool) -> Int? {
        guard pattern.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
        var parser = Parser(chars: Array(pattern.unicodeScalars), lineAnchors: lineAnchors)
        guard let length = parser.alternatives(), parser.index == parser.chars.count else { return nil }
        return length
    }

    struct Parser {
        let chars: [Unicode.Scalar]
        let lineAnchors: Bool
        var index = 0

        init(chars: [Unicode.Scalar], lineAnchors: Bool) {
            self.chars = chars
            self.lineAnchors = lineAnchors
        }

        /// `a|b|c` up to a `)` or the end: the longest alternative.
        mutating func alternatives() -> Int? {
            var longest = 0
            while true {
                guard let length = sequence() else { return nil }
                longest = max(longest, length)
                guard index < chars.count, chars[index] == "|" else { return longest }
                index += 1
            }
        }

        mutating func sequence() -> Int? {
            var total = 0
            while index < chars.count, chars[index] != "|", chars[index] != ")" {
                guard let atom = atom(), let times = quantifier() else { return nil }
                total += atom * times
            }
            return total
        }

        mutating func atom() -> Int? {
            let c = chars[index]
            index += 1
            switch c {
            case "^": return 0
            case "$": return lineAnchors ? 0 : nil
            case "*", "+", "?", "{": return nil
            case ".": return 1
            case "[":
                // A class is one scalar; nested classes and set operations are not followed.
                if index < chars.count, chars[index] == "^" { index += 1 }
                if index < chars.count, chars[index] == "]" { index += 1 }
                while index < chars.count, chars[index] != "]" {
                    if chars[index] == "[" { return nil }
                    if chars[index] == "\\" {
                        index += 1
                        guard index < chars.count, !"pPNxuQ".unicodeScalars.contains(chars[index]) else { return nil }
                    }
                    index += 1
                }
                guard index < chars.count else { return nil }
                index += 1
                return 1
            case "(":
                if index < chars.count, chars[index] == "?" {
                    guard index + 1 < chars.count, chars[index + 1] == ":" else { return nil }
                    index += 2
                }
                guard let inner = alternatives(), index < chars.count, chars[index] == ")" else { return nil }
                index += 1
                return inner
            case "\\":
                guard index < chars.count else { return nil }
                let e = chars[index]
                index += 1
                if e == "b" || e == "B" || e == "A" || e == "G" { return 0 }
                if "dDwWsShHvVtnrfae".unicodeScalars.contains(e) { return 1 }
                if e.properties.isAlphabetic || ("0"..."9").contains(e) { return nil }
                return 1
            default:
                return 1
            }
        }

        /// How many times the atom before may repeat at most (1 without a quantifier).
        mutating func quantifier() -> Int? {
            guard index < chars.count else { return 1 }
            var times: Int
            switch chars[index] {
            case "?": times = 1; index += 1
            case "*", "+": return nil
            case "{":
                var j = index + 1
                var digits = ""
                while j < chars.count, ("0"..."9").contains(chars[j]) { digits.unicodeScalars.append(chars[j]); j += 1 }
                guard let n = Int(digits), j < chars.count else { return nil }
                if chars[j] == "}" {
                    times = n
                } else if chars[j] == "," {
                    j += 1
                    var upper = ""
                    while j < chars.count, ("0"..."9").contains(chars[j]) { upper.unicodeScalars.append(chars[j]); j += 1 }
                    guard let m = Int(upper), j < chars.count, chars[j] == "}" else { return nil }
                    times = m
                } else {
                    return nil
                }
                index = j + 1
            default:
                return 1
            }
            // Lazy or possessive forms repeat as often.
            if index < chars.count, chars[index] == "?" || chars[index] == "+" { index += 1 }
            guard index >= chars.count || !"?*+{".unicodeScalars.contains(chars[index]) else { return nil }
            return times
        }
    }
}
