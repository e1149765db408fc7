/// The Bayes probability as one of a few symbols, so that its weight is fitted like a
/// rule's and the verdict reads like SpamAssassin's (`BAYES_99`).
public enum BayesBuckets {
    /// (upper bound exclusive, name), in order; the last bucket includes 1.
    public static let buckets: [(upper: Double, name: String)] = [
        (0.01, "BAYES_00"), (0.05, "BAYES_05"), (0.20, "BAYES_20"), (0.40, "BAYES_40"), (0.60, "BAYES_50"),
        (0.80, "BAYES_60"), (0.95, "BAYES_80"), (0.99, "BAYES_95"), (0.999, "BAYES_99"), (1.01, "BAYES_999"),
    ]

    public static func symbol(for probability: Double) -> String {
        buckets.first(where: { probability < $0.upper })?.name ?? "BAYES_999"
    }
}
