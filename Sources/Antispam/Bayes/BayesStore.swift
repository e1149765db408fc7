/// The class a message is learnt as.
public enum BayesClass: String, Sendable, Hashable, CaseIterable {
    case spam, ham
}

/// How often a token was seen in learnt spam and ham messages, and its trained weight
/// (`BayesWeightTrainer`; 0 until trained).
public struct BayesTokenCounts: Sendable, Hashable {
    public var spam: Int
    public var ham: Int
    public var weight: Double
    public init(spam: Int = 0, ham: Int = 0, weight: Double = 0) {
        self.spam = spam
        self.ham = ham
        self.weight = weight
    }
}

/// The model's size: messages learnt per class, distinct tokens, a version that changes
/// with every learn, forget or training, and the trained bias (nil until the weights are
/// trained: scans then combine the counts alone).
public struct BayesTotals: Sendable, Hashable {
    public var spam: Int
    public var ham: Int
    public var tokens: Int
    public var version: Int64
    public var bias: Double?
    public init(spam: Int = 0, ham: Int = 0, tokens: Int = 0, version: Int64 = 0, bias: Double? = nil) {
        self.spam = spam
        self.ham = ham
        self.tokens = tokens
        self.version = version
        self.bias = bias
    }
}

/// One message to learn: its learn-once digest and its (sorted, distinct) token hashes.
public struct BayesLearnItem: Sendable, Hashable {
    public var digest: String
    public var tokens: [UInt64]
    public var bayesClass: BayesClass
    public init(digest: String, tokens: [UInt64], bayesClass: BayesClass) {
        self.digest = digest
        self.tokens = tokens
        self.bayesClass = bayesClass
    }
}

/// What a learn did with one message.
public enum BayesLearnOutcome: String, Sendable, Hashable {
    /// New message: its tokens were counted.
    case learned
    /// Learnt before as the other class: its tokens moved over.
    case relearned
    /// Learnt before as this class: nothing changed.
    case unchanged
}

public enum BayesStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case storage(String)
    public var description: String {
        switch self {
        case let .storage(message): return "Bayes storage: \(message)"
        }
    }
}

/// Where the global Bayes model lives. Implementations: `InMemoryBayesStore` (tests)
/// and `SQLiteBayesStore` in the AntispamStore module (postino.sqlite). Learning must be
/// atomic per call: a digest already learnt as the same class changes nothing, one learnt
/// as the other class moves its token counts. The store keeps each learnt message's
/// tokens, for training the weights (`BayesWeightTrainer`).
public protocol BayesStore: Sendable {
    func totals() async throws(BayesStoreError) -> BayesTotals
    /// Counts of the given tokens; tokens never seen may be left out.
    func counts(for tokens: [UInt64]) async throws(BayesStoreError) -> [UInt64: BayesTokenCounts]
    /// The same, for the model as it was when `totals` was read (a store may answer from
    /// a snapshot of that version without reading again); by default `counts(for:)`.
    func counts(for tokens: [UInt64], at totals: BayesTotals) async throws(BayesStoreError) -> [UInt64: BayesTokenCounts]
    /// Learns the messages in one transaction; one outcome per item, in order.
    func learn(_ items: [BayesLearnItem]) async throws(BayesStoreError) -> [BayesLearnOutcome]
    /// Forgets everything learnt.
    func forget() async throws(BayesStoreError)
    /// The `limit` most recently learnt messages with their stored tokens and class
    /// (messages learnt before tokens were stored come with none), the counts of all
    /// tokens and the totals, read at one version.
    func trainingSet(limit: Int) async throws(BayesStoreError) -> BayesTrainingSet
    /// Replaces the trained weights (tokens left out weigh 0) and the bias, or drops them
    /// (nil: bias nil, every weight 0); a new version.
    func saveWeights(_ weights: BayesWeights?) async throws(BayesStoreError)
}

/// What `BayesWeightTrainer` learns from.
public struct BayesTrainingSet: Sendable {
    public var messages: [BayesLearnItem]
    public var counts: [UInt64: BayesTokenCounts]
    public var totals: BayesTotals
    public init(messages: [BayesLearnItem], counts: [UInt64: BayesTokenCounts], totals: BayesTotals) {
        self.messages = messages
        self.counts = counts
        self.totals = totals
    }
}

extension BayesStore {
    public func counts(for tokens: [UInt64], at totals: BayesTotals) async throws(BayesStoreError) -> [UInt64: BayesTokenCounts] {
        try await counts(for: tokens)
    }
}

/// The model in memory, for tests and tools.
public actor InMemoryBayesStore: BayesStore {
    private var tokenCounts: [UInt64: BayesTokenCounts] = [:]
    private var learnt: [String: (item: BayesLearnItem, order: Int)] = [:]
    private var learnings = 0
    private var version: Int64 = 0
    private var bias: Double?

    public init() {}

    public func totals() -> BayesTotals {
        let spam = learnt.values.filter { $0.item.bayesClass == .spam }.count
        return BayesTotals(spam: spam, ham: learnt.count - spam, tokens: tokenCounts.count, version: version, bias: bias)
    }

    public func counts(for tokens: [UInt64]) -> [UInt64: BayesTokenCounts] {
        var result: [UInt64: BayesTokenCounts] = [:]
        for token in tokens { if let c = tokenCounts[token] { result[token] = c } }
        return result
    }

    public func learn(_ items: [BayesLearnItem]) -> [BayesLearnOutcome] {
        var outcomes: [BayesLearnOutcome] = []
        for item in items {
            let previous = learnt[item.digest]?.item.bayesClass
            if previous == item.bayesClass { outcomes.append(.unchanged); continue }
            for token in item.tokens {
                var c = tokenCounts[token] ?? BayesTokenCounts()
                if let previous { c.add(previous, -1) }
                c.add(item.bayesClass, 1)
                tokenCounts[token] = (c.spam == 0 && c.ham == 0) ? nil : c
            }
            learnings += 1
            learnt[item.digest] = (item, learnings)
            outcomes.append(previous == nil ? .learned : .relearned)
        }
        if outcomes.contains(where: { $0 != .unchanged }) { version += 1 }
        return outcomes
    }

    public func forget() {
        tokenCounts = [:]
        learnt = [:]
        bias = nil
        version += 1
    }

    public func trainingSet(limit: Int) -> BayesTrainingSet {
        let newest = learnt.values.sorted { $0.order > $1.order }.prefix(limit).map(\.item)
        return BayesTrainingSet(messages: newest, counts: tokenCounts, totals: totals())
    }

    public func saveWeights(_ weights: BayesWeights?) {
        for token in tokenCounts.keys { tokenCounts[token]?.weight = weights?.weights[token] ?? 0 }
        bias = weights?.bias
        version += 1
    }
}

extension BayesTokenCounts {
    public mutating func add(_ bayesClass: BayesClass, _ delta: Int) {
        switch bayesClass {
        case .spam: spam = max(0, spam + delta)
        case .ham: ham = max(0, ham + delta)
        }
    }
}
