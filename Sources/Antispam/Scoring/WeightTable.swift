/// Points per symbol: `score NAME weight [weight-without-bayes]` lines (`#` comments).
/// The second weight, as SpamAssassin's score sets, applies while Bayes is not active yet
/// (the rules must then carry the verdict alone); without it the first applies. Rule
/// weights are fitted by `bench/fit-weights` and written into `DefaultWeights.text`;
/// SPF/DKIM/DMARC/ARC and blocklist weights are set by hand (the development corpus
/// cannot measure them).
public struct WeightTable: Sendable, Hashable {
    public var weights: [String: Double]
    public var withoutBayes: [String: Double]

    public init(weights: [String: Double] = [:], withoutBayes: [String: Double] = [:]) {
        self.weights = weights
        self.withoutBayes = withoutBayes
    }

    public static func parse(_ text: String) throws(RuleFileError) -> WeightTable {
        var weights: [String: Double] = [:]
        var withoutBayes: [String: Double] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.isEmpty { continue }
            guard words.count == 3 || words.count == 4, words[0] == "score", let weight = Double(words[2]), weight.isFinite else {
                throw RuleFileError(line: index + 1, message: "expected 'score NAME weight [weight-without-bayes]'")
            }
            weights[String(words[1])] = weight
            if words.count == 4 {
                guard let second = Double(words[3]), second.isFinite else {
                    throw RuleFileError(line: index + 1, message: "expected 'score NAME weight [weight-without-bayes]'")
                }
                withoutBayes[String(words[1])] = second
            }
        }
        return WeightTable(weights: weights, withoutBayes: withoutBayes)
    }

    /// The default table (fitted rule weights and hand-set external ones).
    public static let `default`: WeightTable = {
        do { return try parse(DefaultWeights.text) } catch { fatalError("built-in weights: \(error)") }
    }()

    public subscript(name: String) -> Double { weights[name] ?? 0 }

    /// The weight that applies with Bayes active or not.
    public func weight(_ name: String, bayesActive: Bool) -> Double {
        bayesActive ? self[name] : (withoutBayes[name] ?? self[name])
    }

    /// Adds (or replaces) the entries of `other`.
    public mutating func merge(_ other: WeightTable) {
        weights.merge(other.weights) { $1 }
        withoutBayes.merge(other.withoutBayes) { $1 }
    }

    /// Rules without a weight (they fire but count nothing): for `spam rules check`.
    public func unweighted(_ rules: RuleSet) -> [String] {
        rules.names.filter { weights[$0] == nil }
    }
}
