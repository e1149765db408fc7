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

/// A compiled regular expression (ICU, compiled once at start) and its prefilter.
struct RulePattern: Sendable {
    let regex: ICURegex
    let source: String
    /// Lower-case literals one of which must be in the text (`LiteralPrefilter`).
    let prefilter: [[UInt8]]?
    /// Every match begins with one of the literals (so only their places are tried).
    let prefilterLeads: Bool

    init(regex: ICURegex, source: String) {
        self.regex = regex
        self.source = source
        let analysis = LiteralPrefilter.analysis(source)
        prefilter = analysis.map { $0.literals.sorted().map { Array($0.utf8) } }
        prefilterLeads = analysis?.leading ?? false
    }

    /// False when the regex cannot match `lowered` (the text, ASCII lower-cased, UTF-8).
    func mayMatch(_ lowered: [UInt8]) -> Bool {
        guard let prefilter else { return true }
        return prefilter.contains { lowered.containsBytes($0) }
    }

    /// The first match starting where `starts` allows (UTF-8 offsets on scalar
    /// boundaries): anywhere from an offset, or only at the listed offsets, tried in
    /// order as anchored attempts. Either way the whole text stays visible, so `\b`, `^`
    /// and look-behinds see what comes before a start.
    func firstMatch(in text: RuleText, at starts: RuleStarts) -> String? {
        switch starts {
        case let .from(start):
            guard start <= text.utf8Count else { return nil }
            return regex.firstMatch(in: text, from: text.utf16Offset(ofUTF8: start)).map { text[$0] }
        case let .only(offsets):
            for start in offsets {
                guard start < text.utf8Count else { break }
                if let range = regex.match(in: text, at: text.utf16Offset(ofUTF8: start)) { return text[range] }
            }
            return nil
        }
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
