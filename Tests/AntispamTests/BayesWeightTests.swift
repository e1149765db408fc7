import Foundation
import Testing
@testable import Antispam
@testable import AntispamStore

/// The trained token weights (`BayesWeightTrainer`) and how the stores keep them.
@Suite struct BayesWeightTests {
    func engine(_ store: any BayesStore) throws -> SpamEngine {
        try SpamEngine(bayes: store, bayesMinimum: (2, 2))
    }

    func items(_ range: Range<Int>) -> [BayesLearnItem] {
        range.flatMap { i -> [BayesLearnItem] in
            let spam = SpamMessage(bytes: Fixtures.spam(i)), ham = SpamMessage(bytes: Fixtures.ham(i))
            return [BayesLearnItem(digest: spam.digest, tokens: BayesTokenizer.tokens(spam), bayesClass: .spam),
                    BayesLearnItem(digest: ham.digest, tokens: BayesTokenizer.tokens(ham), bayesClass: .ham)]
        }
    }

    func counts(_ items: [BayesLearnItem]) -> (counts: [UInt64: BayesTokenCounts], totals: BayesTotals) {
        var counts: [UInt64: BayesTokenCounts] = [:]
        for item in items { for t in item.tokens { counts[t, default: .init()].add(item.bayesClass, 1) } }
        let spam = items.filter { $0.bayesClass == .spam }.count
        return (counts, BayesTotals(spam: spam, ham: items.count - spam, tokens: counts.count))
    }

    @Test func trainingIsDeterministicWhateverTheOrderOfTheMessages() {
        let learnt = items(0..<6)
        let (c, totals) = counts(learnt)
        let trainer = BayesWeightTrainer()
        let a = trainer.train(messages: learnt, counts: c, totals: totals)
        let b = trainer.train(messages: learnt.reversed(), counts: c, totals: totals)
        #expect(a == b)
        #expect(!a.weights.isEmpty)
        // A message without stored tokens (learnt before they were kept) is skipped.
        let withOld = learnt + [BayesLearnItem(digest: "00", tokens: [], bayesClass: .spam)]
        #expect(trainer.train(messages: withOld, counts: c, totals: totals) == a)
        #expect(trainer.train(messages: [], counts: c, totals: totals) == BayesWeights())
    }

    @Test func spamWordsWeighForSpamAndHamWordsAgainst() {
        let learnt = items(0..<6)
        let (c, totals) = counts(learnt)
        let w = BayesWeightTrainer().train(messages: learnt, counts: c, totals: totals)
        let viagra = BayesTokenizer.tokens(SpamMessage(bytes: Fixtures.message(body: "viagra\n")))
        let compiler = BayesTokenizer.tokens(SpamMessage(bytes: Fixtures.message(body: "compiler\n")))
        let word = { (tokens: [UInt64], other: [UInt64]) in tokens.first { !other.contains($0) }! }
        #expect(w.weights[word(viagra, compiler)]! > 0)
        #expect(w.weights[word(compiler, viagra)]! < 0)
    }

    @Test func theWeightedVerdictRanksWithoutSaturatingAndStaysWithinTen() {
        let c = BayesClassifier()
        let counts: [UInt64: BayesTokenCounts] = [1: .init(weight: 2), 2: .init(weight: 6), 3: .init(weight: -40)]
        let some = c.weightedVerdict(tokens: [1, 9, 10, 11], counts: counts, bias: 0)!
        let more = c.weightedVerdict(tokens: [1, 2, 10, 11], counts: counts, bias: 0)!
        let ham = c.weightedVerdict(tokens: [3, 9, 10, 11], counts: counts, bias: 0)!
        #expect(some.evidence > 0 && more.evidence > some.evidence && more.evidence < 10)
        #expect(abs(some.evidence - 10 * tanh(1.0 / 4)) < 1e-9)         // 2 / √4 = 1
        #expect(some.clues == 1 && more.clues == 2)
        #expect(ham.evidence > -10 && ham.evidence < -9.9 && ham.probability < 0.01)
        #expect(c.weightedVerdict(tokens: [9, 10], counts: counts, bias: 5) == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func everyLearnTrainsAndForgetDropsTheWeights(kind: StoreKind) async throws {
        let store = try kind.make()
        let e = try engine(store)
        #expect(try await store.totals().bias == nil)
        _ = try await e.learn((0..<3).map(Fixtures.spam), as: .spam)
        _ = try await e.learn((0..<3).map(Fixtures.ham), as: .ham)
        let trained = try await store.totals()
        #expect(trained.bias != nil)
        let spam = try await e.analyze(message: Fixtures.spam(7))
        let ham = try await e.analyze(message: Fixtures.ham(7))
        #expect(spam.bayesEvidence! > 0 && ham.bayesEvidence! < 0)
        #expect(spam.bayesProbability! > 0.5 && ham.bayesProbability! < 0.5)
        // The trained verdict is not the chi-square one.
        let tokens = BayesTokenizer.tokens(SpamMessage(bytes: Fixtures.spam(7)))
        let chiSquare = BayesClassifier().verdict(tokens: tokens, counts: try await store.counts(for: tokens), totals: trained)!
        #expect(abs(chiSquare.evidence - spam.bayesEvidence!) > 1e-6)

        // Learning a message once more changes nothing, not even the weights' version.
        #expect(try await e.learn([Fixtures.spam(1)], as: .spam) == [.unchanged])
        #expect(try await store.totals() == trained)
        // Relearning it as ham trains again: a new version, and its words weigh less.
        let before = try await store.counts(for: tokens)
        #expect(try await e.learn([Fixtures.spam(1)], as: .ham) == [.relearned])
        let after = try await store.counts(for: tokens)
        #expect(try await store.totals().version > trained.version)
        #expect(after.values.reduce(0) { $0 + $1.weight } < before.values.reduce(0) { $0 + $1.weight })

        try await e.forget()
        #expect(try await store.totals().bias == nil)
    }

    @Test func sqliteKeepsTheWeightsAndEachMessagesTokensAcrossReopening() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("antispam-\(UUID().uuidString).sqlite").path
        let learnt: Double
        do {
            let e = try engine(SQLiteBayesStore(path: path))
            _ = try await e.learn((0..<3).map(Fixtures.spam), as: .spam)
            _ = try await e.learn((0..<3).map(Fixtures.ham), as: .ham)
            learnt = try await e.analyze(message: Fixtures.spam(5)).bayesEvidence!
        }
        let store = try SQLiteBayesStore(path: path)
        let reopened = try engine(store)
        #expect(try await reopened.analyze(message: Fixtures.spam(5)).bayesEvidence == learnt)
        let set = try await store.trainingSet(limit: 100)
        #expect(set.messages.count == 6 && set.totals.spam == 3 && set.totals.ham == 3)
        let expected = SpamMessage(bytes: Fixtures.ham(2))
        #expect(set.messages.first { $0.digest == expected.digest }?.tokens == BayesTokenizer.tokens(expected))
        let newest = try await store.trainingSet(limit: 2).messages         // the hams, learnt last
        #expect(newest.count == 2 && newest.allSatisfy { $0.bayesClass == .ham })
    }

    @Test func aModelLearntWithoutTokensKeepsChiSquareUntilEnoughMessagesCarryThem() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("antispam-\(UUID().uuidString).sqlite").path
        let store = try SQLiteBayesStore(path: path)
        let e = try engine(store)
        _ = try await e.learn((0..<3).map(Fixtures.spam), as: .spam)
        _ = try await e.learn((0..<3).map(Fixtures.ham), as: .ham)
        // As a model from before the tokens were stored.
        try await store.database.write { db in try db.execute(sql: "UPDATE antispam_bayes_messages SET tokens = NULL") }
        _ = try await e.learn([Fixtures.spam(10)], as: .spam)
        _ = try await e.learn([Fixtures.ham(10)], as: .ham)
        #expect(try await store.totals().bias == nil)         // 1 of each < the minimum of 2
        let tokens = BayesTokenizer.tokens(SpamMessage(bytes: Fixtures.spam(7)))
        let totals = try await store.totals()
        let chiSquare = BayesClassifier().verdict(tokens: tokens, counts: try await store.counts(for: tokens), totals: totals)!
        #expect(try await e.analyze(message: Fixtures.spam(7)).bayesEvidence == chiSquare.evidence)
        _ = try await e.learn([Fixtures.spam(11)], as: .spam)
        _ = try await e.learn([Fixtures.ham(11)], as: .ham)
        #expect(try await store.totals().bias != nil)
    }

    @Test func tokenBlobsRoundTripEveryBit() {
        let tokens: [UInt64] = [0, 1, 0xFF, 0x0102_0304_0506_0708, 1 << 63, .max]
        let blob = TokenBlob.encode(tokens)
        #expect(blob.count == 48 && blob.prefix(8).allSatisfy { $0 == 0 } && blob[24] == 0x08)
        #expect(TokenBlob.decode(blob) == tokens)
        #expect(TokenBlob.decode(blob.prefix(12)) == [0])                 // a torn tail is dropped
    }
}
