import Testing
@testable import Antispam

@Suite struct ScorerTests {
    @Test func rulesFireWithTheirWeightsAndHelpersStayHidden() async throws {
        let rules = try RuleFile.compile("""
            header __SUBJ_RE Subject =~ /^re:/i
            header REPLY ALL =~ /^In-Reply-To:/mi
            meta   FAKE_REPLY __SUBJ_RE && !REPLY
            test   CAPS subject_caps_ratio 0.7
            uri    NUMERIC_URL /^https?:\\/\\/\\d+\\.\\d+\\.\\d+\\.\\d+/
            body   CLICK /click here/i
            """)
        let weights = WeightTable(weights: ["FAKE_REPLY": 1.5, "CAPS": 2, "NUMERIC_URL": 3, "CLICK": 0.5, "REPLY": -1])
        let e = try SpamEngine(rules: rules, weights: weights, bayes: InMemoryBayesStore())
        let spam = try await e.analyze(message: Fixtures.message(subject: "RE: YOUR ACCOUNT IS READY",
                                                                 body: "Click here: http://192.0.2.7/login\n"))
        #expect(Set(spam.symbols.map(\.name)) == ["FAKE_REPLY", "CAPS", "NUMERIC_URL", "CLICK"])
        #expect(abs(spam.score - 7) < 1e-9)
        #expect(spam.symbols.first?.name == "NUMERIC_URL")
        #expect(spam.symbols.first { $0.name == "NUMERIC_URL" }?.detail == "http://192.0.2.7")
        let ham = try await e.analyze(message: Fixtures.ham(1))
        #expect(ham.symbols.map(\.name) == ["REPLY"] && ham.score == -1)
    }

    @Test func externalSymbolsTakeTableWeightsOrTheirOwn() async throws {
        let e = try SpamEngine(rules: RuleSet(rules: []), weights: WeightTable(weights: ["SPF_FAIL": 2, "DKIM_VALID": -0.5]),
                               bayes: InMemoryBayesStore())
        let analysis = try await e.analyze(message: Fixtures.ham(1), extraSymbols: [
            ExternalSymbol(name: "SPF_FAIL", detail: "example.org"),
            ExternalSymbol(name: "DKIM_VALID"),
            ExternalSymbol(name: "SOMETHING_NEW"),
            ExternalSymbol(name: "FILTER_BLOCK", weight: 100),
        ])
        #expect(abs(analysis.score - 101.5) < 1e-9)
        #expect(analysis.symbols.map(\.name) == ["FILTER_BLOCK", "SPF_FAIL", "DKIM_VALID", "SOMETHING_NEW"])
        #expect(analysis.symbolSummary == "FILTER_BLOCK(100.00), SPF_FAIL(2.00), DKIM_VALID(-0.50), SOMETHING_NEW(0.00)")
    }

    @Test func defaultWeightsKnowTheMailAuthenticationSymbols() {
        for name in ["SPF_PASS", "SPF_FAIL", "DKIM_VALID", "DKIM_INVALID", "DMARC_PASS", "DMARC_REJECT", "ARC_PASS"] {
            #expect(WeightTable.default.weights[name] != nil, "\(name)")
        }
        #expect(WeightTable.default["DMARC_REJECT"] > 0 && WeightTable.default["DKIM_VALID"] < 0)
    }

    @Test func thresholdsApplyFromTheirValue() {
        let t = SpamThresholds()
        #expect(t.action(for: 3.99) == .accept)
        #expect(t.action(for: 4) == .greylist)
        #expect(t.action(for: 6) == .flag)
        #expect(t.action(for: 15) == .deny)
        #expect(SpamAnalysis.format(-0.5) == "-0.50" && SpamAnalysis.format(7.256) == "7.26")
    }

    @Test func obviousSpamScoresAboveFlagWithDefaultRulesAndATrainedModel() async throws {
        let e = try SpamEngine(bayes: InMemoryBayesStore(), bayesMinimum: (5, 5))
        _ = try await e.learn((0..<20).map(Fixtures.spam), as: .spam)
        _ = try await e.learn((0..<20).map(Fixtures.ham), as: .ham)
        let spam = try await e.analyze(message: Fixtures.spam(99))
        let ham = try await e.analyze(message: Fixtures.ham(99))
        #expect(spam.score >= SpamThresholds().flag, "\(spam.symbolSummary)")
        #expect(ham.score < SpamThresholds().greylist, "\(ham.symbolSummary)")
    }
}
