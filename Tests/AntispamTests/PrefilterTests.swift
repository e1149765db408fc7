import Foundation
import Testing
@testable import Antispam

@Suite struct PrefilterTests {
    @Test func literalsAreDerivedOnlyWhenSure() {
        #expect(LiteralPrefilter.literals(#"\bclick (here|below)\b"#) == ["click "])
        #expect(LiteralPrefilter.literals(#"\b(free (gift|trial)|for free|money.?back)\b"#) == ["free ", "for free", "money"])
        #expect(LiteralPrefilter.literals(#"^\s*(dear|greetings)"#) == nil)          // \s* first: unsure
        #expect(LiteralPrefilter.literals(#"(ab|cde)"#) == nil)                      // too short
        #expect(LiteralPrefilter.literals(#"\b(viagra)?\bpills"#) == nil)            // optional group
        #expect(LiteralPrefilter.literals(#"colou?r"#) == ["colo"])
        #expect(LiteralPrefilter.literals(#"[$€]\d+"#) == nil)
        #expect(LiteralPrefilter.literals(#"\$\$\$"#) == ["$$$"])
    }

    @Test func defaultRulesKeepTheirVerdictsWithThePrefilter() throws {
        // Every default rule with a prefilter: texts with the literal can match, texts
        // without it cannot (checked against the regex itself).
        let rules = try DefaultRules.compiled()
        let samples = ["Click HERE now to remove yourself from this list", "Dear Friend, MAKE MONEY fast!!!",
                       "no obligation, 100% FREE gift, act now", "In-Reply-To: <x@y>\nList-Id: <l.example>",
                       "<font color=red size=+5>BIG</font><center>", "plain words about a compiler build"]
        var checked = 0
        for rule in rules.rules {
            let pattern: RulePattern
            switch rule.test {
            case let .body(p), let .rawBody(p): pattern = p
            case let .header(field, p, _) where field == "ALL": pattern = p
            default: continue
            }
            guard pattern.prefilter != nil else { continue }
            checked += 1
            for sample in samples {
                let matches = pattern.firstMatch(in: sample) != nil
                if matches { #expect(pattern.mayMatch(sample.asciiLoweredBytes), "\(rule.name) on \(sample)") }
            }
        }
        #expect(checked > 20)
    }
}

@Suite struct LiteralMatcherTests {
    @Test func findsEveryLiteralInOnePass() {
        let words = ["he", "she", "his", "hers", "click here", "$$$"]
        let m = LiteralMatcher(words.map { Array($0.utf8) })
        let found = m.scan(Array("ushers: click here for $$$".utf8))
        #expect(zip(words, found).filter(\.1).map(\.0) == ["he", "she", "hers", "click here", "$$$"])
        #expect(m.scan(Array("nothing".utf8)) == Array(repeating: false, count: words.count))
        #expect(LiteralMatcher([]).scan(Array("x".utf8)).isEmpty)
    }
}
