/// Points per symbol: `score NAME weight` lines (`#` comments). Rule weights are fitted
/// by `bench/fit-weights` and written into `DefaultWeights.text`; SPF/DKIM/DMARC/ARC and
/// blocklist weights are set by hand (the development corpus cannot measure them).
public struct WeightTable: Sendable, Hashable {
    public var weights: [String: Double]

    public init(weights: [String: Double] = [:]) { self.weights = weights }

    public static func parse(_ text: String) throws(RuleFileError) -> WeightTable {
        var weights: [String: Double] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.isEmpty { continue }
            guard words.count == 3, words[0] == "score", let weight = Double(words[2]), weight.isFinite else {
                throw RuleFileError(line: index + 1, message: "expected 'score NAME weight'")
            }
            weights[String(words[1])] = weight
        }
        return WeightTable(weights: weights)
    }

    /// The default table (fitted rule weights and hand-set external ones).
    public static let `default`: WeightTable = {
        do { return try parse(DefaultWeights.text) } catch { fatalError("built-in weights: \(error)") }
    }()

    public subscript(name: String) -> Double { weights[name] ?? 0 }

    /// Rules without a weight (they fire but count nothing): for `spam rules check`.
    public func unweighted(_ rules: RuleSet) -> [String] {
        rules.names.filter { weights[$0] == nil }
    }
}
