/// One reason in a verdict: a rule that fired, the Bayes bucket, an SPF/DKIM/DMARC/ARC
/// result or a blocklist hit, with the points it adds (negative for ham signs).
public struct SpamSymbol: Sendable, Hashable {
    /// Upper-case name from the rules file or the weights table (`BAYES_99`, `DKIM_VALID`).
    public var name: String
    public var weight: Double
    /// What matched, for the log line and `X-Spam-Status` (may be empty).
    public var detail: String

    public init(name: String, weight: Double, detail: String = "") {
        self.name = name
        self.weight = weight
        self.detail = detail
    }
}

/// The verdict of `SpamEngine.analyze`: the sum of the symbols' weights and the symbols,
/// heaviest first.
public struct SpamAnalysis: Sendable {
    public var score: Double
    public var symbols: [SpamSymbol]
    /// The Bayes spam probability when Bayes is active, else nil.
    public var bayesProbability: Double?
    /// The Bayes log-evidence when Bayes is active (see `BayesClassifier.verdict`).
    public var bayesEvidence: Double?

    public init(score: Double, symbols: [SpamSymbol], bayesProbability: Double? = nil, bayesEvidence: Double? = nil) {
        self.score = score
        self.symbols = symbols
        self.bayesProbability = bayesProbability
        self.bayesEvidence = bayesEvidence
    }

    /// `NAME(weight)` list for `X-Spam-Status` and the log, heaviest first:
    /// `BAYES_99(5.20), HTML_ONLY(1.10)`.
    public var symbolSummary: String {
        symbols.map { "\($0.name)(\(SpamAnalysis.format($0.weight)))" }.joined(separator: ", ")
    }

    /// Two decimals, as in `X-Spam-Score: 7.25`.
    public static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let a = abs(hundredths)
        let cents = a % 100
        return "\(sign)\(a / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}

/// The three administrator thresholds (SPEC 8): a score at or above one applies it.
public struct SpamThresholds: Sendable, Hashable {
    public var greylist: Double
    public var flag: Double
    public var deny: Double

    public init(greylist: Double = 4, flag: Double = 6, deny: Double = 15) {
        self.greylist = greylist
        self.flag = flag
        self.deny = deny
    }

    public enum Action: String, Sendable {
        case accept, greylist, flag, deny
    }

    public func action(for score: Double) -> Action {
        if score >= deny { return .deny }
        if score >= flag { return .flag }
        if score >= greylist { return .greylist }
        return .accept
    }
}
