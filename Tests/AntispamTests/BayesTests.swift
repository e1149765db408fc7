import Foundation
import Testing
@testable import Antispam
import AntispamStore

/// The same behaviour from both stores.
enum StoreKind: String, CaseIterable, Sendable {
    case memory, sqlite

    func make() throws -> any BayesStore {
        switch self {
        case .memory: return InMemoryBayesStore()
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("antispam-\(UUID().uuidString).sqlite").path
            return try SQLiteBayesStore(path: path)
        }
    }
}

@Suite struct BayesTests {
    func engine(_ store: any BayesStore, minimum: Int = 2) throws -> SpamEngine {
        try SpamEngine(bayes: store, bayesMinimum: (minimum, minimum))
    }

    @Test(arguments: StoreKind.allCases)
    func learningTwiceChangesNothing(kind: StoreKind) async throws {
        let e = try engine(kind.make())
        #expect(try await e.learn([Fixtures.spam(1)], as: .spam) == [.learned])
        let before = try await e.status().totals
        #expect(try await e.learn([Fixtures.spam(1)], as: .spam) == [.unchanged])
        let after = try await e.status().totals
        #expect(before.spam == 1 && before.ham == 0)
        #expect(after.spam == before.spam && after.tokens == before.tokens && after.version == before.version)
    }

    @Test(arguments: StoreKind.allCases)
    func relearningAsTheOtherClassMovesTheTokens(kind: StoreKind) async throws {
        let store = try kind.make()
        let e = try engine(store)
        _ = try await e.learn([Fixtures.spam(1)], as: .spam)
        let m = SpamMessage(bytes: Fixtures.spam(1))
        let tokens = BayesTokenizer.tokens(m)
        #expect(try await e.learn([Fixtures.spam(1)], as: .ham) == [.relearned])
        let totals = try await store.totals()
        #expect(totals.spam == 0 && totals.ham == 1)
        let counts = try await store.counts(for: tokens)
        #expect(counts.count == tokens.count)
        #expect(counts.values.allSatisfy { $0.spam == 0 && $0.ham == 1 })
    }

    @Test func theLoadedTokenTableAnswersAsTheQueriesDoInAnyOrder() async throws {
        let store = try StoreKind.sqlite.make()
        let e = try engine(store)
        _ = try await e.learn((0..<4).map(Fixtures.spam), as: .spam)
        _ = try await e.learn((0..<4).map(Fixtures.ham), as: .ham)
        let tokens = BayesTokenizer.tokens(SpamMessage(bytes: Fixtures.spam(1)))
            + BayesTokenizer.tokens(SpamMessage(bytes: Fixtures.ham(9))) + [0, 1 << 63, .max]
        // Keys on both sides of the signed order's wrap, and some the model lacks.
        #expect(tokens.contains { $0 >= 1 << 63 } && tokens.contains { $0 < 1 << 63 })
        let queried = try await store.counts(for: tokens)       // the first scan queries
        #expect(queried.count > 10 && queried.count < tokens.count)
        _ = try await store.counts(for: tokens)                 // the second loads the table
        let totals = try await store.totals()
        for order in [tokens.sorted(), tokens.sorted().reversed(), tokens.shuffled()] {
            #expect(try await store.counts(for: Array(order), at: totals) == queried)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func activeOnlyFromTheMinimumOfEachClass(kind: StoreKind) async throws {
        let e = try engine(kind.make(), minimum: 3)
        _ = try await e.learn((0..<3).map(Fixtures.spam), as: .spam)
        _ = try await e.learn((0..<2).map(Fixtures.ham), as: .ham)
        #expect(try await e.status().active == false)
        var analysis = try await e.analyze(message: Fixtures.spam(7))
        #expect(analysis.bayesProbability == nil && !analysis.symbols.contains { $0.name.hasPrefix("BAYES_") })
        _ = try await e.learn([Fixtures.ham(2)], as: .ham)
        #expect(try await e.status().active == true)
        analysis = try await e.analyze(message: Fixtures.spam(7))
        let p = try #require(analysis.bayesProbability)
        #expect(p > 0.9)
        #expect(analysis.symbols.contains { $0.name == BayesBuckets.symbol(for: p) })
        let ham = try await e.analyze(message: Fixtures.ham(9))
        #expect(try #require(ham.bayesProbability) < 0.1)
    }

    @Test func defaultMinimumIs200Each() async throws {
        let e = try SpamEngine(bayes: InMemoryBayesStore())
        #expect(e.bayesMinimum.spam == 200 && e.bayesMinimum.ham == 200)
        _ = try await e.learn((0..<5).map(Fixtures.spam), as: .spam)
        _ = try await e.learn((0..<5).map(Fixtures.ham), as: .ham)
        #expect(try await e.status().active == false)
    }

    @Test(arguments: StoreKind.allCases)
    func forgetEmptiesTheModel(kind: StoreKind) async throws {
        let e = try engine(kind.make())
        _ = try await e.learn([Fixtures.spam(1), Fixtures.spam(2)], as: .spam)
        try await e.forget()
        let totals = try await e.status().totals
        #expect(totals.spam == 0 && totals.ham == 0 && totals.tokens == 0)
        #expect(try await e.learn([Fixtures.spam(1)], as: .spam) == [.learned])
    }

    @Test func sqliteModelSurvivesReopeningAndLearnsAreSeenByAnotherConnection() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("antispam-\(UUID().uuidString).sqlite").path
        let scanner = try engine(SQLiteBayesStore(path: path), minimum: 2)
        do {
            let learner = try engine(SQLiteBayesStore(path: path), minimum: 2)
            _ = try await learner.learn([Fixtures.spam(1), Fixtures.spam(2)], as: .spam)
            _ = try await learner.learn([Fixtures.ham(1)], as: .ham)
        }
        // Two scans of the unchanged model (the second is served from the snapshot)…
        for _ in 0..<2 { #expect(try await scanner.analyze(message: Fixtures.spam(3)).bayesProbability == nil) }
        // …then a learn through another connection is seen by the next scan.
        let learner = try engine(SQLiteBayesStore(path: path), minimum: 2)
        _ = try await learner.learn([Fixtures.ham(2)], as: .ham)
        for _ in 0..<3 { #expect(try await scanner.analyze(message: Fixtures.spam(3)).bayesProbability ?? 0 > 0.9) }
        let reopened = try engine(SQLiteBayesStore(path: path), minimum: 2)
        let totals = try await reopened.status().totals
        #expect(totals.spam == 2 && totals.ham == 2 && totals.tokens > 20)
        #expect(try await reopened.learn([Fixtures.spam(1)], as: .spam) == [.unchanged])
    }

    @Test func chiSquareCombiningIsSymmetricAndNeutralWithoutEvidence() {
        let c = BayesClassifier()
        let totals = BayesTotals(spam: 10, ham: 10)
        let spammy: [UInt64: BayesTokenCounts] = [1: .init(spam: 10, ham: 0), 2: .init(spam: 9, ham: 1)]
        let hammy: [UInt64: BayesTokenCounts] = [1: .init(spam: 0, ham: 10), 2: .init(spam: 1, ham: 9)]
        let ps = c.probability(tokens: [1, 2], counts: spammy, totals: totals)!
        let ph = c.probability(tokens: [1, 2], counts: hammy, totals: totals)!
        #expect(ps > 0.9 && ph < 0.1 && abs(ps + ph - 1) < 1e-9)
        #expect(c.probability(tokens: [3], counts: [3: .init(spam: 5, ham: 5)], totals: totals) == nil)
    }
}
