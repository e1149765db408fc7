import Foundation

/// The compiled rules, evaluated in file order (metas after the rules they use).
public struct RuleSet: Sendable {
    public let rules: [SpamRule]

    public init(rules: [SpamRule]) { self.rules = rules }

    public var names: [String] { rules.map(\.name) }

    /// The rules that fire on this message, with what matched.
    public func evaluate(_ m: SpamMessage) -> [(name: String, detail: String)] {
        var fired: [(name: String, detail: String)] = []
        var firedNames: Set<String> = []
        var cache = TextCache(m)
        for rule in rules {
            guard let detail = Self.run(rule.test, m, &cache, firedNames) else { continue }
            firedNames.insert(rule.name)
            if !rule.name.hasPrefix("__") { fired.append((rule.name, String(detail.prefix(60)))) }
        }
        return fired
    }

    /// The texts rules match, converted once per message.
    struct TextCache {
        let m: SpamMessage
        lazy var body: NSString = NSString(string: m.visibleText)
        lazy var rawBody: NSString = NSString(string: m.plainText + "\n" + m.htmlSource)
        lazy var allHeaders: NSString = NSString(string: m.fields.map { "\($0.name): \($0.decoded)" }.joined(separator: "\n"))
        lazy var urls: [NSString] = m.urls.map { NSString(string: $0) }
        init(_ m: SpamMessage) { self.m = m }
    }

    static func run(_ test: RuleTest, _ m: SpamMessage, _ cache: inout TextCache, _ fired: Set<String>) -> String? {
        switch test {
        case let .header(field, pattern, negated):
            if field == "ALL" { return pattern.firstMatch(in: cache.allHeaders) }
            let values = m.headers(field)
            if negated {
                guard !values.isEmpty else { return nil }
                return values.allSatisfy({ pattern.firstMatch(in: NSString(string: $0)) == nil }) ? "\(field) !~" : nil
            }
            for value in values { if let hit = pattern.firstMatch(in: NSString(string: value)) { return hit } }
            return nil
        case let .missing(field):
            return m.header(field) == nil ? "no \(field)" : nil
        case let .body(pattern): return pattern.firstMatch(in: cache.body)
        case let .rawBody(pattern): return pattern.firstMatch(in: cache.rawBody)
        case let .uri(pattern):
            for url in cache.urls { if let hit = pattern.firstMatch(in: url) { return hit } }
            return nil
        case let .builtIn(function, argument): return function.evaluate(m, argument)
        case let .meta(expression): return expression.evaluate(fired) ? "meta" : nil
        }
    }
}
