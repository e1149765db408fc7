import Foundation

/// The compiled rules, evaluated in file order (metas after the rules they use).
public struct RuleSet: Sendable {
    public let rules: [SpamRule]
    /// Every prefilter literal, scanned for once per text.
    let matcher: LiteralMatcher
    /// Per rule: the matcher's ids of its prefilter literals (nil: no prefilter).
    let prefilterIDs: [[Int]?]

    public init(rules: [SpamRule]) {
        self.rules = rules
        var ids: [[UInt8]: Int] = [:]
        var all: [[UInt8]] = []
        var perRule: [[Int]?] = []
        for rule in rules {
            guard let literals = Self.pattern(of: rule.test)?.prefilter else { perRule.append(nil); continue }
            perRule.append(literals.map { literal in
                if let id = ids[literal] { return id }
                ids[literal] = all.count
                all.append(literal)
                return all.count - 1
            })
        }
        matcher = LiteralMatcher(all)
        prefilterIDs = perRule
    }

    /// The pattern a prefilter applies to: body, raw body, and all-headers rules.
    static func pattern(of test: RuleTest) -> RulePattern? {
        switch test {
        case let .body(p), let .rawBody(p): return p
        case let .header(field, p, false) where field == "ALL": return p
        default: return nil
        }
    }

    public var names: [String] { rules.map(\.name) }

    /// Body and raw-body regular expressions look at the first 64K characters (what a
    /// reader sees first; a huge body must not make every rule slow).
    static let textLimit = 65_536

    /// The rules that fire on this message, with what matched.
    public func evaluate(_ m: SpamMessage) -> [(name: String, detail: String)] {
        var fired: [(name: String, detail: String)] = []
        var firedNames: Set<String> = []
        var cache = TextCache(m, matcher: matcher)
        for (index, rule) in rules.enumerated() {
            // Where the regex may start: a prefiltered pattern runs only when one of its
            // literals occurs and, when every match begins with one (`LiteralPrefilter`),
            // only where one of them occurs.
            var starts = RuleStarts.from(0)
            if let ids = prefilterIDs[index] {
                let hits: LiteralHits
                switch rule.test {
                case .body: hits = cache.bodyFound
                case .rawBody: hits = cache.rawBodyFound
                default: hits = cache.allHeadersFound
                }
                guard let candidates = hits.candidates(ids) else { continue }
                if Self.pattern(of: rule.test)?.prefilterLeads == true { starts = candidates }
            }
            guard let detail = Self.run(rule.test, m, &cache, firedNames, at: starts) else { continue }
            firedNames.insert(rule.name)
            if !rule.name.hasPrefix("__") { fired.append((rule.name, String(detail.prefix(60)))) }
        }
        return fired
    }

    /// The texts rules match, converted once per message.
    struct TextCache {
        let m: SpamMessage
        lazy var body = RuleText(RuleSet.limited(m.visibleText))
        lazy var rawBody = RuleText(RuleSet.limited(rawBodySource))
        lazy var allHeaders = RuleText(allHeadersSource)
        let matcher: LiteralMatcher
        /// Where the prefilter literals occur in the texts (`LiteralMatcher.scan`).
        lazy var bodyFound: LiteralHits = matcher.scan(m.visibleText.asciiLoweredBytes)
        lazy var rawBodyFound: LiteralHits = matcher.scan(rawBodySource.asciiLoweredBytes)
        /// The URLs lower-cased, for the prefilters of `uri` rules.
        lazy var loweredURLs: [[UInt8]] = m.urls.map(\.asciiLoweredBytes)
        /// The URLs as rules match them (once, not once per `uri` rule).
        lazy var urlTexts: [RuleText] = m.urls.map(RuleText.init)
        /// Each field's values as rules match them and lower-cased for the prefilters, by
        /// the field name the rules use (once per field, not once per rule on it).
        private var fieldValues: [String: [(text: RuleText, lowered: [UInt8])]] = [:]
        lazy var allHeadersFound: LiteralHits = matcher.scan(allHeadersSource.asciiLoweredBytes)
        private lazy var rawBodySource = m.plainText + "\n" + m.htmlSource
        private lazy var allHeadersSource = m.fields.map { "\($0.name): \($0.decoded)" }.joined(separator: "\n")
        init(_ m: SpamMessage, matcher: LiteralMatcher) {
            self.m = m
            self.matcher = matcher
        }

        mutating func values(of field: String) -> [(text: RuleText, lowered: [UInt8])] {
            if let known = fieldValues[field] { return known }
            let values = m.headers(field).map { (text: RuleText($0), lowered: $0.asciiLoweredBytes) }
            fieldValues[field] = values
            return values
        }
    }

    /// The first `textLimit` characters; a text with no more UTF-8 bytes than that has no
    /// more characters either, and is kept without counting them.
    static func limited(_ text: String) -> String {
        text.utf8.count <= textLimit ? text : String(text.prefix(textLimit))
    }

    /// `starts`: where in the body, raw body or all-headers text the pattern may match.
    static func run(_ test: RuleTest, _ m: SpamMessage, _ cache: inout TextCache, _ fired: Set<String>,
                    at starts: RuleStarts = .from(0)) -> String? {
        switch test {
        case let .header(field, pattern, negated):
            if field == "ALL" { return pattern.firstMatch(in: cache.allHeaders, at: starts) }
            let values = cache.values(of: field)
            if negated {
                guard !values.isEmpty else { return nil }
                return values.allSatisfy({ pattern.firstMatch(in: $0.text, at: .from(0)) == nil }) ? "\(field) !~" : nil
            }
            for value in values where pattern.prefilter == nil || pattern.mayMatch(value.lowered) {
                if let hit = pattern.firstMatch(in: value.text, at: .from(0)) { return hit }
            }
            return nil
        case let .missing(field):
            return m.header(field) == nil ? "no \(field)" : nil
        case let .body(pattern): return pattern.firstMatch(in: cache.body, at: starts)
        case let .rawBody(pattern): return pattern.firstMatch(in: cache.rawBody, at: starts)
        case let .uri(pattern):
            let lowered = pattern.prefilter == nil ? [] : cache.loweredURLs
            for (i, url) in cache.urlTexts.enumerated() where pattern.prefilter == nil || pattern.mayMatch(lowered[i]) {
                if let hit = pattern.firstMatch(in: url, at: .from(0)) { return hit }
            }
            return nil
        case let .builtIn(function, argument): return function.evaluate(m, argument)
        case let .meta(expression): return expression.evaluate(fired) ? "meta" : nil
        }
    }
}
