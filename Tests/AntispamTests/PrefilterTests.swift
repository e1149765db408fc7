import Foundation
import Testing
@testable import Antispam

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
                    #expect(pattern.firstMatch(in: sample, fromUTF8Offset: start) == pattern.firstMatch(in: sample),
                            "\(rule.name) on \(sample)")
                }
                // Anchored attempts at every occurrence find the same match too.
                let offsets = (pattern.prefilter ?? []).flatMap { literal in
                    lowered.indices.filter { lowered[$0...].starts(with: literal) }
                }
                if !offsets.isEmpty, pattern.prefilterLeads {
                    #expect(pattern.firstMatch(in: sample, at: .only(Set(offsets).sorted())) == pattern.firstMatch(in: sample),
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
        #expect(word.firstMatch(in: "carefree FREE", fromUTF8Offset: 4) == "FREE")
        #expect(word.firstMatch(in: "carefree", fromUTF8Offset: 4) == nil)
        #expect(line.firstMatch(in: "so free\nfree", fromUTF8Offset: 3) == "free")
        #expect(line.firstMatch(in: "so free", fromUTF8Offset: 3) == nil)
        #expect(word.firstMatch(in: "é free", fromUTF8Offset: 3) == "free")    // UTF-8 offset, not UTF-16
        #expect(word.firstMatch(in: "free", fromUTF8Offset: 9) == nil)
    }

    @Test func anAttemptThatReadsToTheEndOfItsFirstWindowIsRetriedWithTheWholeOne() throws {
        // Unbounded: the first try sees 256 bytes. A match that needs more, and a greedy
        // match that would be longer with more text, are what a whole search finds.
        let font = try bodyPattern(#"body T /<font[^>]+color=/i"#)
        let padding = String(repeating: "x", count: 400)
        let far = "<font size=3 \(padding) color=red>"
        #expect(font.firstMatch(in: far, at: .only([0])) == font.firstMatch(in: far))
        #expect(font.firstMatch(in: far, at: .only([0]))?.hasSuffix("color=") == true)
        let twice = "<font color=blue \(padding) color=red>"
        #expect(font.firstMatch(in: twice, at: .only([0])) == font.firstMatch(in: twice))
        #expect(font.firstMatch(in: twice, at: .only([0]))?.count == twice.count - 4)
        let none = "<font size=3 \(padding)>"
        #expect(font.firstMatch(in: none, at: .only([0])) == nil)
    }
}

@Suite struct RegexLengthTests {
    @Test func boundedPatternsHaveALongestMatch() {
        #expect(RegexLength.maximum(#"\bclick (here|below|now|the link)\b"#, lineAnchors: false) == 14)
        #expect(RegexLength.maximum(#"<center>|align=["']?center"#, lineAnchors: false) == 13)
        #expect(RegexLength.maximum(#"1-?8[0-9]{2}"#, lineAnchors: false) == 5)
        #expect(RegexLength.maximum(#"a{2,5}(?:bc)?"#, lineAnchors: false) == 7)
        #expect(RegexLength.maximum(#"^-- ?$"#, lineAnchors: true) == 3)
    }

    @Test func unboundedOrUnsurePatternsHaveNone() {
        for pattern in [#"<font[^>]+color="#, #"!{3,}"#, #"a*"#, #"(?=x)abc"#, #"(a)\1"#, #"^-- ?$"#, #"a\Z"#, #"(?i)abc"#,
                        #"[[a-z]&&[^q]]"#, #"\p{L}"#, #"straße"#, #"a{2"#, #"(ab"#] {
            #expect(RegexLength.maximum(pattern, lineAnchors: false) == nil, "\(pattern)")
        }
    }

    @Test func windowedAttemptsFindWhatAWholeSearchFinds() throws {
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
                #expect(pattern.firstMatch(in: sample, at: .only(Set(offsets).sorted())) == pattern.firstMatch(in: sample),
                        "\(rule.name)")
            }
        }
    }
}
