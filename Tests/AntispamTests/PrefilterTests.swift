import Foundation
import Testing
@testable import Antispam

extension RulePattern {
    /// The first match anywhere in `text` (the whole search the prefiltered ones must equal).
    func firstMatch(in text: String) -> String? {
        firstMatch(in: RuleText(text), at: .from(0))
    }
}

@Suite struct PrefilterTests {
    @Test func literalsAreDerivedOnlyWhenSure() {
        #expect(LiteralPrefilter.literals(#"\bclick (here|below)\b"#) == ["click "])
        #expect(LiteralPrefilter.literals(#"\b(free (gift|trial)|for free|money.?back)\b"#) == ["free ", "for free", "money"])
        // Optional white space first: the literal is required but may not begin the match.
        #expect(LiteralPrefilter.literals(#"^\s*(dear|greetings)"#) == ["dear", "greetings"])
        #expect(LiteralPrefilter.analysis(#"^\s*(dear|greetings)"#)?.leading == false)
        #expect(LiteralPrefilter.analysis(#"\bclick (here|below)\b"#)?.leading == true)
        #expect(LiteralPrefilter.literals(#"^\s+dear"#) == nil)                      // \s+ first: unsure
        #expect(LiteralPrefilter.literals(#"!{3,}"#) == ["!!!"])                     // {n,}: n times
        #expect(LiteralPrefilter.literals(#"ab{2}c"#) == ["abb"])
        #expect(LiteralPrefilter.literals(#"abc{0,2}"#) == ["ab"])
        #expect(LiteralPrefilter.literals(#"(ab|cde)"#) == ["ab", "cde"])
        // Short literals count: the signature, quote and obfuscation rules get one.
        #expect(LiteralPrefilter.literals(#"^-- ?$"#) == ["--"])
        #expect(LiteralPrefilter.analysis(#"^(>|\|)[^\n]*\n(>|\|)"#)?.literals == [">", "|"])
        #expect(LiteralPrefilter.literals(#"&#\d{2,3};|%[0-9a-f]{2}"#) == ["&", "%"])
        #expect(LiteralPrefilter.literals(#"\b[A-Z]{4,}( [A-Z]{2,}){4,}\b"#) == nil)   // a class first: none
        #expect(LiteralPrefilter.literals(#"\b(viagra)?\bpills"#) == nil)            // optional group
        #expect(LiteralPrefilter.literals(#"colou?r"#) == ["colo"])
        #expect(LiteralPrefilter.literals(#"[$€]\d+"#) == nil)
        #expect(LiteralPrefilter.literals(#"\$\$\$"#) == ["$$$"])
        // Punctuation that stands for itself: tags, addresses, paths.
        #expect(LiteralPrefilter.literals(#"<font[^>]+color="#) == ["<font"])
        #expect(LiteralPrefilter.literals(#"<center>|align=["']?center"#) == ["<center>", "align="])
        #expect(LiteralPrefilter.literals(#"^mailto:"#) == ["mailto:"])
        #expect(LiteralPrefilter.literals(#"a#b{3}"#) == ["a"])                       // `#` ends it: a comment under (?x)
    }

    @Test func defaultRulesKeepTheirVerdictsWithThePrefilter() throws {
        // Every default rule with a prefilter: texts with the literal can match, texts
        // without it cannot (checked against the regex itself).
        let rules = try DefaultRules.compiled()
        let samples = ["Click HERE now to remove yourself from this list", "Dear Friend, MAKE MONEY fast!!!",
                       "no obligation, 100% FREE gift, act now", "In-Reply-To: <x@y>\nList-Id: <l.example>",
                       "<font color=red size=+5>BIG</font><center>", "plain words about a compiler build",
                       "Subject: URGENT free cash, act now", "http://bit.ly/x?remove=1", "mailto:list-unsub@example.com",
                       "<table bgcolor=red><script>onload=go()</script>",
                       "Thanks,\n-- \nBob", "wrote:\n> quoted line\n> and more\n| piped", "&#72;&#105;&#33; or %41%42%43 -- 50%"]
        var checked = 0
        for rule in rules.rules {
            let pattern: RulePattern
            switch rule.test {
            case let .body(p), let .rawBody(p): pattern = p
            case let .header(_, p, false), let .uri(p): pattern = p      // single fields and URLs: mayMatch only
            default: continue
            }
            guard pattern.prefilter != nil else { continue }
            checked += 1
            for sample in samples {
                let matches = pattern.firstMatch(in: sample) != nil
                if matches { #expect(pattern.mayMatch(sample.asciiLoweredBytes), "\(rule.name) on \(sample)") }
                // Starting at the first literal finds the same match as starting at 0.
                let lowered = sample.asciiLoweredBytes
                let start = (pattern.prefilter ?? []).compactMap { lowered.firstRange(of: $0)?.lowerBound }.min()
                if let start {
                    #expect(pattern.firstMatch(in: RuleText(sample), at: .from(start)) == pattern.firstMatch(in: sample),
                            "\(rule.name) on \(sample)")
                }
                // Anchored attempts at every occurrence find the same match too.
                let offsets = (pattern.prefilter ?? []).flatMap { literal in
                    lowered.indices.filter { lowered[$0...].starts(with: literal) }
                }
                if !offsets.isEmpty, pattern.prefilterLeads {
                    #expect(pattern.firstMatch(in: RuleText(sample), at: .only(Set(offsets).sorted())) == pattern.firstMatch(in: sample),
                            "\(rule.name) on \(sample)")
                }
            }
        }
        #expect(checked > 20)
    }
}

@Suite struct LiteralMatcherTests {
    @Test func findsEveryLiteralInOnePass() {
        let words = ["he", "she", "his", "hers", "click here", "$$$"]
        let m = LiteralMatcher(words.map { Array($0.utf8) })
        let hits = m.scan(Array("ushers: click here for $$$ and here".utf8), limit: 2)
        #expect(hits.starts == [[2, 14], [1], [], [2], [8], [23]])
        #expect(hits.more == [true, false, false, false, false, false])     // "he" also at 31
        #expect(m.scan(Array("nothing".utf8)).starts == Array(repeating: [], count: words.count))
        #expect(hits.candidates([2]) == nil)
        #expect(hits.candidates([4, 1]) == .only([1, 8]))
        #expect(hits.candidates([0, 4]) == .from(2))
        #expect(LiteralMatcher([]).scan(Array("x".utf8)).starts.isEmpty)
    }
}

@Suite struct RuleSearchOffsetTests {
    func bodyPattern(_ line: String) throws -> RulePattern {
        guard case let .body(p) = try RuleFile.compile(line + "\n").rules[0].test else { throw CancellationError() }
        return p
    }

    @Test func searchFromAnOffsetSeesTheTextBeforeIt() throws {
        // \b and ^ look at the text before the offset, as if the search had begun at 0.
        let word = try bodyPattern(#"body T /\bfree\b/i"#)
        let line = try bodyPattern(#"body T /^free/mi"#)
        #expect(word.firstMatch(in: RuleText("carefree FREE"), at: .from(4)) == "FREE")
        #expect(word.firstMatch(in: RuleText("carefree"), at: .from(4)) == nil)
        #expect(line.firstMatch(in: RuleText("so free\nfree"), at: .from(3)) == "free")
        #expect(line.firstMatch(in: RuleText("so free"), at: .from(3)) == nil)
        #expect(word.firstMatch(in: RuleText("é free"), at: .from(3)) == "free")    // UTF-8 offset, not UTF-16
        #expect(word.firstMatch(in: RuleText("free"), at: .from(9)) == nil)
        #expect(word.firstMatch(in: RuleText(""), at: .from(0)) == nil)
    }

    @Test func anAnchoredAttemptMatchesOnlyWhereItStartsAndSeesTheTextBeforeIt() throws {
        let word = try bodyPattern(#"body T /\bfree\b/i"#)
        let line = try bodyPattern(#"body T /^free/mi"#)
        #expect(word.firstMatch(in: RuleText("carefree FREE"), at: .only([4])) == nil)         // not at a word start
        #expect(word.firstMatch(in: RuleText("carefree FREE"), at: .only([4, 9])) == "FREE")
        #expect(line.firstMatch(in: RuleText("so free\nfree"), at: .only([3, 8])) == "free")
        #expect(line.firstMatch(in: RuleText("so free"), at: .only([3])) == nil)
        // UTF-8 offsets past non-ASCII text, and a match that keeps its non-ASCII letters.
        let money = try bodyPattern(#"body T /€\s?\d+ für/i"#)
        #expect(money.firstMatch(in: RuleText("Grüße: € 100 für Sie"), at: .only([8, 9])) == "€ 100 für")
        #expect(money.firstMatch(in: RuleText("Grüße: € 100 für Sie"), at: .only([8])) == nil)
    }

    @Test func aLongMatchIsFoundWholeAtAnAnchoredStart() throws {
        // No window: a match longer than any fixed piece of text, and a greedy one, are
        // what a whole search finds.
        let font = try bodyPattern(#"body T /<font[^>]+color=/i"#)
        let padding = String(repeating: "x", count: 9_000)
        let far = "<font size=3 \(padding) color=red>"
        #expect(font.firstMatch(in: RuleText(far), at: .only([0])) == font.firstMatch(in: far))
        #expect(font.firstMatch(in: RuleText(far), at: .only([0]))?.hasSuffix("color=") == true)
        let twice = "<font color=blue \(padding) color=red>"
        #expect(font.firstMatch(in: RuleText(twice), at: .only([0]))?.count == twice.count - 4)
        #expect(font.firstMatch(in: RuleText("<font size=3 \(padding)>"), at: .only([0])) == nil)
    }

    @Test func anchoredAttemptsFindWhatAWholeSearchFinds() throws {
        let rules = try DefaultRules.compiled()
        let filler = String(repeating: "plain words about nothing much ", count: 40)
        let samples = [filler + "Click HERE now " + filler, "x" + filler + "TO BE REMOVED from this list reply with REMOVE" + filler,
                       filler + "<center>and</center> <font color=red size=+5>BIG</font>" + filler + "align='center'"]
        for rule in rules.rules {
            guard let pattern = RuleSet.pattern(of: rule.test), pattern.prefilterLeads, let literals = pattern.prefilter else { continue }
            for sample in samples {
                let lowered = sample.asciiLoweredBytes
                let offsets = literals.flatMap { literal in lowered.indices.filter { lowered[$0...].starts(with: literal) } }
                guard !offsets.isEmpty else { continue }
                #expect(pattern.firstMatch(in: RuleText(sample), at: .only(Set(offsets).sorted())) == pattern.firstMatch(in: sample),
                        "\(rule.name)")
            }
        }
    }
}

@Suite struct ICURegexTests {
    static let samples = ["Click HERE now to remove yourself from this list", "Dear Friend, MAKE MONEY fast!!!",
                          "<font color=red size=+5>BIG</font><center>", "Subject: URGENT free cash, act now",
                          "Thanks,\n-- \nBob", "wrote:\n> quoted line\n| piped", "&#72;&#105;&#33; or %41%42%43 -- 50%",
                          "Grüße aus Köln: € 1,000,000 für Sie!", "Received: from [10.0.0.1] (x)\nX-Mailer: Mutt", "",
                          "WIN BIG MONEY NOW WITH THIS OFFER TODAY", "http://bit.ly/x?remove=1 $1,000 US DOLLARS"]

    @Test func everyDefaultRuleMatchesWhatNSRegularExpressionMatches() throws {
        // The engine is the one NSRegularExpression runs on; with the same flags every
        // default pattern must find the same first match.
        var checked = 0
        for line in DefaultRules.text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let open = line.firstIndex(of: "/"), let close = line.lastIndex(of: "/"), open < close else { continue }
            let source = String(line[line.index(after: open)..<close])
            var options: NSRegularExpression.Options = []
            for flag in line[line.index(after: close)...] {
                if flag == "i" { options.insert(.caseInsensitive) }
                if flag == "m" { options.insert(.anchorsMatchLines) }
                if flag == "s" { options.insert(.dotMatchesLineSeparators) }
            }
            let reference = try NSRegularExpression(pattern: source, options: options)
            let pattern = try RuleFile.pattern(String(line[open...]), line: 0)
            for sample in Self.samples {
                let expected = reference.firstMatch(in: sample, range: NSRange(location: 0, length: sample.utf16.count))
                    .flatMap { Range($0.range, in: sample) }.map { String(sample[$0]) }
                #expect(pattern.firstMatch(in: sample) == expected, "/\(source)/ on \(sample)")
            }
            checked += 1
        }
        #expect(checked > 50)
    }

    @Test func concurrentScansWithOnePatternDoNotShareMatchState() async throws {
        let pattern = try RuleSearchOffsetTests().bodyPattern(#"body T /\b[a-z]+ing\b/i"#)
        let texts = (0..<64).map { i in String(repeating: "x ", count: i) + "testing\(i) running" }
        let results = await withTaskGroup(of: [String?].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<200).flatMap { _ in texts.map { pattern.firstMatch(in: RuleText($0), at: .from(0)) } } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let expected = (0..<200).flatMap { _ in texts.map { _ in Optional("running") } }
        #expect(results.count == 8)
        for result in results { #expect(result == expected) }
    }
}
