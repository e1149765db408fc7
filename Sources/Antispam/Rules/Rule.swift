import Foundation

/// One compiled heuristic rule: a name and a test over a `SpamMessage`.
public struct SpamRule: Sendable {
    public let name: String
    public let description: String
    let test: RuleTest
    /// Line in the rules file, for messages.
    public let line: Int
}

/// What a rule looks at.
enum RuleTest: Sendable {
    /// Any field named `field` (decoded value; "ALL" = every field as `Name: value`
    /// lines) matches (or, negated, exists and does not match).
    case header(field: String, pattern: RulePattern, negated: Bool)
    /// The field is absent.
    case missing(field: String)
    /// The visible text (plain parts and the text of HTML parts).
    case body(RulePattern)
    /// The HTML source and the plain text, before HTML is turned into text.
    case rawBody(RulePattern)
    /// Any URL in the text or the HTML links.
    case uri(RulePattern)
    /// A built-in test with a numeric argument.
    case builtIn(BuiltInTest, Double)
    /// A boolean combination of other rules (evaluated after them).
    case meta(MetaExpression)
}

/// A compiled regular expression (NSRegularExpression, compiled once at start).
struct RulePattern: @unchecked Sendable {
    // NSRegularExpression is immutable after creation and documented thread-safe.
    let regex: NSRegularExpression
    let source: String
    /// Lower-case literals one of which must be in the text (`LiteralPrefilter`).
    let prefilter: [[UInt8]]?
    /// Every match begins with one of the literals (so only their places are tried).
    let prefilterLeads: Bool

    /// Bytes after the start of an anchored attempt that the regex may read: 4 a scalar of
    /// its longest match and one scalar more when that is bounded (`RegexLength`), else
    /// `window`.
    let attemptWindow: Int

    init(regex: NSRegularExpression, source: String, caseInsensitive: Bool) {
        self.regex = regex
        self.source = source
        attemptWindow = RegexLength.maximum(source, lineAnchors: regex.options.contains(.anchorsMatchLines))
            .map { min(Self.window, 4 * $0 + 8) } ?? Self.window
        let analysis = LiteralPrefilter.analysis(source)
        prefilter = analysis.map { $0.literals.sorted().map { Array($0.utf8) } }
        prefilterLeads = analysis?.leading ?? false
    }

    /// False when the regex cannot match `lowered` (the text, ASCII lower-cased, UTF-8).
    func mayMatch(_ lowered: [UInt8]) -> Bool {
        guard let prefilter else { return true }
        return prefilter.contains { lowered.containsBytes($0) }
    }

    /// The first match in `text`, or nil.
    func firstMatch(in text: String) -> String? {
        let range = regex.rangeOfFirstMatch(in: text, options: [], range: NSRange(location: 0, length: text.utf16.count))
        guard range.location != NSNotFound, let r = Range(range, in: text) else { return nil }
        return String(text[r])
    }

    /// The first match starting where `starts` allows: anywhere from an offset, or only
    /// at the listed offsets, tried in order as anchored matches on a window of the text
    /// (a few short attempts instead of a scan of the whole text; Foundation copies the
    /// text it searches to UTF-16 at every call, so the window is what keeps them short).
    /// `utf8`: the text's bytes when the caller has them already.
    func firstMatch(in text: String, at starts: RuleStarts, utf8 bytes: [UInt8]? = nil) -> String? {
        switch starts {
        case let .from(start): return firstMatch(in: text, fromUTF8Offset: start)
        case let .only(offsets):
            let utf8 = bytes ?? Array(text.utf8)
            for start in offsets {
                guard start < utf8.count else { break }
                // A short window first: most attempts fail or match within a few bytes, and
                // Foundation copies the whole window to UTF-16. Only when the engine read
                // to the end of that window (`hitEnd`) could more text change the answer.
                let attempt = anchoredMatch(utf8, at: start, window: min(attemptWindow, Self.firstWindow))
                if !attempt.hitEnd || attempt.reachesTextEnd || attemptWindow <= Self.firstWindow {
                    if let match = attempt.match { return match }
                    continue
                }
                if let match = anchoredMatch(utf8, at: start, window: attemptWindow).match { return match }
            }
            return nil
        }
    }

    /// The anchored match at UTF-8 offset `start` in a piece of the text: `context` bytes
    /// before it (for \b and ^) and `window` bytes after it (a match longer than that is
    /// not looked for: rules match words and tags). `hitEnd`: the engine read to the end
    /// of the piece; `reachesTextEnd`: the piece ends where the text does.
    func anchoredMatch(_ utf8: [UInt8], at start: Int, window: Int) -> (match: String?, hitEnd: Bool, reachesTextEnd: Bool) {
        var lower = max(0, start - Self.context)
        while lower > 0, utf8[lower] & 0xC0 == 0x80 { lower -= 1 }
        var upper = min(utf8.count, start + window)
        while upper < utf8.count, utf8[upper] & 0xC0 == 0x80 { upper += 1 }
        let piece = String(decoding: utf8[lower..<upper], as: UTF8.self)
        let location = piece.utf16.count - String(decoding: utf8[start..<upper], as: UTF8.self).utf16.count
        var found: NSRange?
        var hitEnd = false
        regex.enumerateMatches(in: piece, options: [.anchored, .withTransparentBounds, .withoutAnchoringBounds, .reportCompletion],
                               range: NSRange(location: location, length: piece.utf16.count - location)) { result, flags, stop in
            if flags.contains(.hitEnd) { hitEnd = true }
            if let result { found = result.range; stop.pointee = true }
        }
        guard let found, found.location != NSNotFound, let r = Range(found, in: piece) else { return (nil, hitEnd, upper == utf8.count) }
        return (String(piece[r]), hitEnd, upper == utf8.count)
    }

    /// Bytes of text before an anchored attempt (look-behind context) and after it.
    static let context = 64
    static let window = 4096
    /// The first try's window for patterns whose longest match is longer (or unbounded).
    static let firstWindow = 256

    /// The first match that starts at or after the UTF-8 offset `start` (a scalar
    /// boundary). The bounds are transparent and not anchoring, so `\b`, `^` and
    /// look-behinds see the text before `start` as if the search began at 0.
    func firstMatch(in text: String, fromUTF8Offset start: Int) -> String? {
        guard start > 0 else { return firstMatch(in: text) }
        let utf8 = text.utf8
        guard start < utf8.count else { return nil }
        let from = utf8.index(utf8.startIndex, offsetBy: start)
        let location = text.utf16.distance(from: text.utf16.startIndex, to: from)
        let length = text.utf16.count - location
        let range = regex.rangeOfFirstMatch(in: text, options: [.withTransparentBounds, .withoutAnchoringBounds],
                                            range: NSRange(location: location, length: length))
        guard range.location != NSNotFound, let r = Range(range, in: text) else { return nil }
        return String(text[r])
    }
}

/// `!`, `&&`, `||`, parentheses and rule names.
indirect enum MetaExpression: Sendable {
    case rule(String)
    case not(MetaExpression)
    case and(MetaExpression, MetaExpression)
    case or(MetaExpression, MetaExpression)

    func evaluate(_ fired: Set<String>) -> Bool {
        switch self {
        case let .rule(name): return fired.contains(name)
        case let .not(e): return !e.evaluate(fired)
        case let .and(a, b): return a.evaluate(fired) && b.evaluate(fired)
        case let .or(a, b): return a.evaluate(fired) || b.evaluate(fired)
        }
    }

    var names: [String] {
        switch self {
        case let .rule(name): return [name]
        case let .not(e): return e.names
        case let .and(a, b), let .or(a, b): return a.names + b.names
        }
    }
}
