import Foundation

/// The antispam engine: one call scores one message.
///
///     let store = try SQLiteBayesStore(database: directory.database)   // AntispamStore
///     let engine = try SpamEngine(bayes: store, identity: LocalIdentity(hostnames: [hostname]))
///     let analysis = try await engine.analyze(message: bytes, extraSymbols: [
///         ExternalSymbol(name: "SPF_PASS", detail: "example.com"),
///         ExternalSymbol(name: "DKIM_VALID", detail: "d=example.com"),
///     ])
///     analysis.score          // sum of the weights, compare with SpamThresholds
///     analysis.symbols        // [SpamSymbol(name, weight, detail)], heaviest first
///
/// The score is the sum of: the heuristic rules that fire (`DefaultRules.text`, or a rules
/// file given to `init`; their weights come from the table's second column while Bayes is
/// not active), Bayes (one symbol named by its probability bucket, `BAYES_00` …
/// `BAYES_999`, weighing `BAYES_OFFSET + BAYES_EVIDENCE × evidence/10` with the evidence
/// within ±10, only once the model has learnt `bayesMinimum` spam and ham; the evidence
/// of the trained token weights, or of chi-square combining before they are trained),
/// and the external symbols (SPF/DKIM/DMARC/ARC
/// results, blocklist hits, filter rules) with the weights of the weight table (an
/// explicit weight overrides it; unknown names weigh 0 and are still listed).
///
/// Learning (`learn`) goes through the same parsing and tokenizing as scoring, ignoring
/// the header fields Postino adds (see `LocalIdentity`), once per message digest. The store
/// is read at every scan, so a learn is seen by the next scan of a running server.
public struct SpamEngine: Sendable {
    public let rules: RuleSet
    public let weights: WeightTable
    public let bayes: any BayesStore
    public let identity: LocalIdentity
    public let bayesMinimum: (spam: Int, ham: Int)
    public var classifier = BayesClassifier()
    public var trainer = BayesWeightTrainer()

    public init(rules: RuleSet? = nil, weights: WeightTable = .default, bayes: any BayesStore,
                identity: LocalIdentity = LocalIdentity(), bayesMinimum: (spam: Int, ham: Int) = (200, 200)) throws(RuleFileError) {
        if let rules { self.rules = rules } else { self.rules = try DefaultRules.compiled() }
        self.weights = weights
        self.bayes = bayes
        self.identity = identity
        self.bayesMinimum = bayesMinimum
    }

    /// Scores a raw message (CRLF or LF line ends; a leading mbox `From ` line is ignored).
    public func analyze(message bytes: [UInt8], extraSymbols: [ExternalSymbol] = []) async throws(BayesStoreError) -> SpamAnalysis {
        try await analyze(SpamMessage(bytes: bytes, identity: identity), extraSymbols: extraSymbols)
    }

    public func analyze(_ message: SpamMessage, extraSymbols: [ExternalSymbol] = []) async throws(BayesStoreError) -> SpamAnalysis {
        let totals = try await bayes.totals()
        let active = isActive(totals)
        var symbols: [SpamSymbol] = rules.evaluate(message).map {
            SpamSymbol(name: $0.name, weight: weights.weight($0.name, bayesActive: active), detail: $0.detail)
        }
        var probability: Double?
        var evidence: Double?
        if active {
            let tokens = BayesTokenizer.tokens(message)
            let counts = try await bayes.counts(for: tokens, at: totals)
            let verdict = if let bias = totals.bias {
                classifier.weightedVerdict(tokens: tokens, counts: counts, bias: bias)
            } else {
                classifier.verdict(tokens: tokens, counts: counts, totals: totals)
            }
            if let verdict {
                probability = verdict.probability
                evidence = verdict.evidence
                let name = BayesBuckets.symbol(for: verdict.probability)
                symbols.append(SpamSymbol(name: name, weight: BayesBuckets.weight(verdict, weights),
                                          detail: SpamAnalysis.format(verdict.probability * 100) + "%"))
            }
        }
        for extra in extraSymbols {
            symbols.append(SpamSymbol(name: extra.name, weight: extra.weight ?? weights.weight(extra.name, bayesActive: active),
                                      detail: extra.detail))
        }
        symbols.sort { abs($0.weight) != abs($1.weight) ? abs($0.weight) > abs($1.weight) : $0.name < $1.name }
        let score = symbols.reduce(0) { $0 + $1.weight }
        return SpamAnalysis(score: score, symbols: symbols, bayesProbability: probability, bayesEvidence: evidence)
    }

    /// Learns messages as spam or ham (one store transaction): new ones are counted, ones
    /// learnt as the other class move, ones learnt as this class change nothing. When
    /// something changed and `train` is true, the weights are trained again (`train()`);
    /// a caller learning many batches in a row may pass false and train once at the end.
    public func learn(_ messages: [[UInt8]], as bayesClass: BayesClass, train: Bool = true) async throws(BayesStoreError) -> [BayesLearnOutcome] {
        let items = messages.map { bytes in
            let m = SpamMessage(bytes: bytes, identity: identity)
            return BayesLearnItem(digest: m.digest, tokens: BayesTokenizer.tokens(m), bayesClass: bayesClass)
        }
        let outcomes = try await bayes.learn(items)
        if train, outcomes.contains(where: { $0 != .unchanged }) { try await self.train() }
        return outcomes
    }

    /// Trains the weights on the model as it is now (`BayesWeightTrainer`), on its
    /// `trainer.maximumMessages` most recently learnt messages. The weights need messages
    /// of both classes with their tokens; in a model learnt before tokens were stored, as
    /// many as `bayesMinimum` of each (until then they are dropped, and scans combine the
    /// counts by chi-square: weights from a handful of new messages would overrule
    /// thousands of old ones).
    public func train() async throws(BayesStoreError) {
        let set = try await bayes.trainingSet(limit: trainer.maximumMessages)
        let withTokens = set.messages.filter { !$0.tokens.isEmpty }
        let spam = withTokens.filter { $0.bayesClass == .spam }.count, ham = withTokens.count - spam
        let enough = spam >= max(1, min(bayesMinimum.spam, set.totals.spam)) && ham >= max(1, min(bayesMinimum.ham, set.totals.ham))
        guard enough else { return try await bayes.saveWeights(nil) }
        // CPU-bound (seconds for 20,000 messages): run off the Swift concurrency pool,
        // whose few threads the server's sessions share and which must never block.
        let trainer = trainer
        let weights = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(returning: trainer.train(messages: withTokens, counts: set.counts, totals: set.totals))
            }
        }
        try await bayes.saveWeights(weights)
    }

    public func forget() async throws(BayesStoreError) {
        try await bayes.forget()
    }

    /// Counts, token count and whether Bayes takes part in the score.
    public func status() async throws(BayesStoreError) -> BayesStatus {
        let totals = try await bayes.totals()
        return BayesStatus(totals: totals, active: isActive(totals), minimumSpam: bayesMinimum.spam, minimumHam: bayesMinimum.ham)
    }

    func isActive(_ totals: BayesTotals) -> Bool {
        totals.spam >= max(1, bayesMinimum.spam) && totals.ham >= max(1, bayesMinimum.ham)
    }
}

/// A symbol from outside the engine: SPF/DKIM/DMARC/ARC results (`SPF_PASS`,
/// `DKIM_INVALID`, `DMARC_FAIL_REJECT`, `ARC_PASS` …, see `DefaultWeights`), blocklist
/// hits, the filter's allow/block rules. `weight` nil = the weight table's.
public struct ExternalSymbol: Sendable, Hashable {
    public var name: String
    public var detail: String
    public var weight: Double?
    public init(name: String, detail: String = "", weight: Double? = nil) {
        self.name = name
        self.detail = detail
        self.weight = weight
    }
}

public struct BayesStatus: Sendable, Hashable {
    public var totals: BayesTotals
    public var active: Bool
    /// Whether the token weights are trained (scans then use them, not chi-square).
    public var trained: Bool { totals.bias != nil }
    public var minimumSpam: Int
    public var minimumHam: Int
}
