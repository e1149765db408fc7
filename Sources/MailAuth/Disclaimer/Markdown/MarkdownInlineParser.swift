/// Parses inline Markdown: backslash escapes, code spans, `*`/`_` emphasis and strong
/// emphasis, `[text](url)` links, `<url>` autolinks, hard and soft line breaks.
///
/// A simplified form of CommonMark's delimiter rules: a run of `*` or `_` followed by
/// a non-blank opens, the nearest matching run preceded by a non-blank closes, and `_`
/// does not open or close inside a word (so `snake_case_name` stays as it is).
enum MarkdownInlineParser {
    static let maximumDepth = 16
    static let maximumLabelLength = 500
    /// Emphasis spans at most this many characters: bounds the search for closers.
    static let maximumEmphasisSpan = 1000
    private static let titleClosers: [Unicode.Scalar: Unicode.Scalar] = ["\"": "\"", "'": "'", "(": ")"]
    /// URL schemes that may become links; anything else (javascript:, data:…) is text.
    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel", "ftp"]

    static func parse(_ text: String) -> [MarkdownInline] {
        parse(Array(text.unicodeScalars)[...], depth: 0)
    }

    private static func parse(_ chars: ArraySlice<Unicode.Scalar>, depth: Int) -> [MarkdownInline] {
        guard depth < maximumDepth else { return [.text(string(chars))] }
        var nodes: [MarkdownInline] = []
        var buffer = ""
        func flush() {
            if !buffer.isEmpty { nodes.append(.text(buffer)) }
            buffer = ""
        }
        // For `*` and `_`: where the last fruitless search for a closing run stopped.
        // No closer lies before it, so a later opener resumes there instead of scanning
        // the same text again (unmatched runs would otherwise cost O(n²)).
        var closerFreeUntil: [Unicode.Scalar: Int] = [:]
        var i = chars.startIndex
        let end = chars.endIndex
        while i < end {
            let c = chars[i]
            switch c {
            case "\\":
                if i + 1 < end, chars[i + 1] == "\n" {
                    flush()
                    nodes.append(.hardBreak)
                    i += 2
                } else if i + 1 < end, isASCIIPunctuation(chars[i + 1]) {
                    buffer.unicodeScalars.append(chars[i + 1])
                    i += 2
                } else {
                    buffer.unicodeScalars.append(c)
                    i += 1
                }
            case "\n":
                var spaces = 0
                while buffer.hasSuffix(" ") {
                    buffer.removeLast()
                    spaces += 1
                }
                flush()
                nodes.append(spaces >= 2 ? .hardBreak : .softBreak)
                i += 1
            case "`":
                if case let (code, next)? = codeSpan(chars, at: i) {
                    flush()
                    nodes.append(.code(code))
                    i = next
                } else {
                    let run = runLength(chars, at: i)
                    buffer += String(repeating: "`", count: run)
                    i += run
                }
            case "<":
                if case let (destination, next)? = autolink(chars, at: i) {
                    flush()
                    let label = destination.hasPrefix("mailto:") && !destination.contains("//") ? String(destination.dropFirst(7)) : destination
                    nodes.append(.link([.text(label)], destination: safeDestination(destination)))
                    i = next
                } else {
                    buffer.unicodeScalars.append(c)
                    i += 1
                }
            case "[":
                if case let (label, destination, next)? = link(chars, at: i) {
                    flush()
                    nodes.append(.link(parse(label, depth: depth + 1), destination: safeDestination(destination)))
                    i = next
                } else {
                    buffer.unicodeScalars.append(c)
                    i += 1
                }
            case "*", "_":
                let run = runLength(chars, at: i)
                var closing: (index: Int, run: Int)?
                if canOpen(chars, at: i, run: run) {
                    let search = closingDelimiter(chars, openingAt: i, run: run, resumeAt: closerFreeUntil[c] ?? i)
                    closing = search.closing
                    if closing == nil { closerFreeUntil[c] = search.scannedUpTo }
                }
                if let closing {
                    let n = min(run, closing.run, 3)
                    buffer += String(repeating: String(c), count: run - n)
                    flush()
                    let inner = parse(chars[(i + run)..<closing.index], depth: depth + 1)
                    switch n {
                    case 1: nodes.append(.emphasis(inner))
                    case 2: nodes.append(.strong(inner))
                    default: nodes.append(.strong([.emphasis(inner)]))
                    }
                    i = closing.index + n
                } else {
                    buffer += String(repeating: String(c), count: run)
                    i += run
                }
            default:
                buffer.unicodeScalars.append(c)
                i += 1
            }
        }
        flush()
        return nodes
    }

    // MARK: Emphasis

    /// A run opens when a non-blank follows it; `_` does not open inside a word.
    private static func canOpen(_ chars: ArraySlice<Unicode.Scalar>, at start: Int, run: Int) -> Bool {
        let after = start + run
        guard after < chars.endIndex, !chars[after].isMarkdownWhitespace else { return false }
        if chars[start] == "_", start > chars.startIndex, chars[start - 1].isWordCharacter { return false }
        return true
    }

    /// The run of the same character that closes the one at `start`: the nearest of the
    /// same length (so `**a *b* c**` nests), else the nearest of any length. The search
    /// starts at `resumeAt` when that is further (nothing closes before it) and reports
    /// where it stopped.
    private static func closingDelimiter(_ chars: ArraySlice<Unicode.Scalar>, openingAt start: Int, run: Int,
                                         resumeAt: Int) -> (closing: (index: Int, run: Int)?, scannedUpTo: Int) {
        let c = chars[start]
        let after = start + run
        var nearest: (index: Int, run: Int)?
        var j = max(after, resumeAt)
        let limit = min(chars.endIndex, after + maximumEmphasisSpan)
        while j < limit {
            let d = chars[j]
            if d == "\\" {
                j += 2
                continue
            }
            if d == "`", case let (_, next)? = codeSpan(chars, at: j) {
                j = next
                continue
            }
            if d == c {
                let closingRun = runLength(chars, at: j)
                let followedByWordCharacter = j + closingRun < chars.endIndex
                    && chars[j + closingRun].isWordCharacter
                if j > after, !chars[j - 1].isMarkdownWhitespace, !(c == "_" && followedByWordCharacter) {
                    if closingRun == run { return ((j, closingRun), j) }
                    nearest = nearest ?? (j, closingRun)
                }
                j += closingRun
                continue
            }
            j += 1
        }
        return (nearest, j)
    }

    private static func runLength(_ chars: ArraySlice<Unicode.Scalar>, at start: Int) -> Int {
        var j = start
        while j < chars.endIndex, chars[j] == chars[start] { j += 1 }
        return j - start
    }

    // MARK: Code spans

    /// A code span opened by the backtick run at `start`: the content and the index
    /// after the closing run of the same length.
    private static func codeSpan(_ chars: ArraySlice<Unicode.Scalar>, at start: Int) -> (String, Int)? {
        let run = runLength(chars, at: start)
        var j = start + run
        while j < chars.endIndex {
            if chars[j] == "`" {
                let closing = runLength(chars, at: j)
                if closing == run {
                    var content = string(chars[(start + run)..<j]).replacingNewlines()
                    if content.count >= 2, content.first == " ", content.last == " ", content.contains(where: { $0 != " " }) {
                        content = String(content.dropFirst().dropLast())
                    }
                    return (content, j + run)
                }
                j += closing
            } else {
                j += 1
            }
        }
        return nil
    }

    // MARK: Links

    /// `[label](destination "title")`: the label characters, the destination and the
    /// index after the closing parenthesis.
    private static func link(_ chars: ArraySlice<Unicode.Scalar>, at start: Int) -> (ArraySlice<Unicode.Scalar>, String, Int)? {
        var j = start + 1
        var depth = 1
        // Labels are short; a bound keeps many unmatched `[` linear.
        let limit = min(chars.endIndex, start + 1 + maximumLabelLength)
        while j < limit {
            let c = chars[j]
            if c == "\\" {
                j += 2
                continue
            }
            if c == "`", case let (_, next)? = codeSpan(chars, at: j) {
                j = next
                continue
            }
            if c == "[" { depth += 1 }
            if c == "]" {
                depth -= 1
                if depth == 0 { break }
            }
            j += 1
        }
        guard j < limit, j + 1 < chars.endIndex, chars[j] == "]", chars[j + 1] == "(" else { return nil }
        let label = chars[(start + 1)..<j]
        var k = j + 2
        func skipSpaces() { while k < chars.endIndex, chars[k] == " " || chars[k] == "\n" { k += 1 } }
        skipSpaces()
        var destination = ""
        if k < chars.endIndex, chars[k] == "<" {
            k += 1
            while k < chars.endIndex, chars[k] != ">", chars[k] != "\n" {
                destination.unicodeScalars.append(chars[k])
                k += 1
            }
            guard k < chars.endIndex, chars[k] == ">" else { return nil }
            k += 1
        } else {
            var parens = 0
            while k < chars.endIndex, !chars[k].isMarkdownWhitespace {
                let c = chars[k]
                if c == "\\", k + 1 < chars.endIndex, isASCIIPunctuation(chars[k + 1]) {
                    destination.unicodeScalars.append(chars[k + 1])
                    k += 2
                    continue
                }
                if c == "(" { parens += 1 }
                if c == ")" {
                    if parens == 0 { break }
                    parens -= 1
                }
                destination.unicodeScalars.append(c)
                k += 1
            }
        }
        skipSpaces()
        // Optional title: shown nowhere in mail, parsed only to be skipped.
        if k < chars.endIndex, let close = titleClosers[chars[k]] {
            k += 1
            while k < chars.endIndex, chars[k] != close { k += chars[k] == "\\" ? 2 : 1 }
            guard k < chars.endIndex else { return nil }
            k += 1
            skipSpaces()
        }
        guard k < chars.endIndex, chars[k] == ")" else { return nil }
        return (label, destination, k + 1)
    }

    /// `<scheme:…>` or `<user@example.com>`.
    private static func autolink(_ chars: ArraySlice<Unicode.Scalar>, at start: Int) -> (String, Int)? {
        var j = start + 1
        var content = ""
        while j < chars.endIndex, chars[j] != ">" {
            let c = chars[j]
            if c.isMarkdownWhitespace || c == "<" { return nil }
            content.unicodeScalars.append(c)
            j += 1
        }
        guard j < chars.endIndex, !content.isEmpty else { return nil }
        if let colon = content.firstIndex(of: ":") {
            let scheme = content[..<colon]
            guard (2...32).contains(scheme.count), scheme.first?.isLetter == true,
                  scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }) else { return nil }
            return (content, j + 1)
        }
        let parts = content.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            return nil
        }
        return ("mailto:" + content, j + 1)
    }

    /// The destination when it is safe to put in an `href`: an allowed scheme, or a
    /// reference without a scheme; never one with control characters.
    static func safeDestination(_ destination: String) -> String? {
        let trimmed = destination.trimmingCharacters(" ")
        guard !trimmed.isEmpty, !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        if let colon = trimmed.firstIndex(of: ":") {
            let beforeColon = trimmed[..<colon]
            // A colon after /, ? or # belongs to a path or query, not to a scheme.
            if !beforeColon.contains(where: { "/?#".contains($0) }) {
                return allowedSchemes.contains(String(beforeColon).asciiLowercased) ? trimmed : nil
            }
        }
        return trimmed
    }

    private static func isASCIIPunctuation(_ c: Unicode.Scalar) -> Bool {
        guard c.isASCII else { return false }
        let a = c.value
        return (0x21...0x2F).contains(a) || (0x3A...0x40).contains(a) || (0x5B...0x60).contains(a) || (0x7B...0x7E).contains(a)
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars)
        return s
    }
}

private extension String {
    func replacingNewlines() -> String { String(map { $0 == "\n" ? " " : $0 }) }
}

private extension Unicode.Scalar {
    var isMarkdownWhitespace: Bool { properties.isWhitespace }
    var isWordCharacter: Bool { properties.isAlphabetic || properties.numericType != nil }
}
