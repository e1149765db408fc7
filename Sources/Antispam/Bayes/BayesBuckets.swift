/// The Bayes verdict as one symbol, named by its probability bucket so that it reads
/// like SpamAssassin's (`BAYES_99`), weighing in proportion to the evidence (fitted
/// `BAYES_EVIDENCE` points per 10 units, plus `BAYES_OFFSET`).
public enum BayesBuckets {
    /// (upper bound exclusive, name), in order; the last bucket includes 1.
    public static let buckets: [(upper: Double, name: String)] = [
        (0.01, "BAYES_00"), (0.05, "BAYES_05"), (0.20, "BAYES_20"), (0.40, "BAYES_40"), (0.60, "BAYES_50"),
        (0.80, "BAYES_60"), (0.95, "BAYES_80"), (0.99, "BAYES_95"), (0.999, "BAYES_99"), (1.01, "BAYES_999"),
    ]

    /// The evidence counts up to this much either way: beyond, Bayes is sure and its
    /// points stay below the deny threshold — refusing mail takes Bayes *and* rules.
    public static let evidenceLimit = 10.0

    /// The feature the weight is fitted on: evidence clamped, divided by 10.
    public static func feature(_ evidence: Double) -> Double {
        min(max(evidence, -evidenceLimit), evidenceLimit) / 10
    }

    public static func weight(_ verdict: BayesVerdict, _ weights: WeightTable) -> Double {
        weights["BAYES_OFFSET"] + weights["BAYES_EVIDENCE"] * feature(verdict.evidence)
    }

    public static func symbol(for probability: Double) -> String {
        buckets.first(where: { probability < $0.upper })?.name ?? "BAYES_999"
    }
}
