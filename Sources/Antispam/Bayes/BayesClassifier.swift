import Foundation

/// Two ways to read the token counts. Once the weights are trained (`BayesWeightTrainer`,
/// after every learn), `weightedVerdict` is the verdict; before, and for a model whose
/// messages were learnt without their tokens, `verdict`:
/// Robinson–Fisher chi-square combining (as SpamBayes): each token's spam probability
/// f(w) is Robinson's smoothed estimate, the tokens furthest from 0.5 are kept, and
/// Fisher's method combines the spam and the ham evidence into one probability that is
/// near 0 or 1 when the evidence agrees and near 0.5 when it is weak or contradictory.
public struct BayesClassifier: Sendable {
    /// Robinson's s is low (0.1): a token seen in a few messages of one class only is
    /// already good evidence; 150 tokens at most, as SpamBayes and SpamAssassin.
    /// Robinson's s (strength of the 0.5 prior) and x (the prior).
    public var strength = 0.1
    public var prior = 0.5
    /// Tokens whose |f − 0.5| is below this are ignored.
    public var minimumDeviation = 0.1
    /// At most this many tokens are combined.
    public var maximumTokens = 150

    public init() {}

    /// The spam probability of a message with these tokens, or nil when no token carries
    /// evidence. `counts` are the model's counts for (some of) the tokens.
    public func probability(tokens: [UInt64], counts: [UInt64: BayesTokenCounts], totals: BayesTotals) -> Double? {
        verdict(tokens: tokens, counts: counts, totals: totals)?.probability
    }

    /// The probability and the evidence: ln Q(ham-side χ²) … the log of how unlikely the
    /// ham reading is against how unlikely the spam reading is (positive = spam, 0 =
    /// undecided). Unlike the probability it does not saturate, so it keeps ranking
    /// messages that are all "99.99 %".
    public func verdict(tokens: [UInt64], counts: [UInt64: BayesTokenCounts], totals: BayesTotals) -> BayesVerdict? {
        guard totals.spam > 0, totals.ham > 0 else { return nil }
        let nSpam = Double(totals.spam), nHam = Double(totals.ham)
        var clues: [Double] = []
        clues.reserveCapacity(counts.count)
        for token in tokens {
            guard let c = counts[token], c.spam + c.ham > 0 else { continue }
            let spamRatio = min(1, Double(c.spam) / nSpam)
            let hamRatio = min(1, Double(c.ham) / nHam)
            let p = spamRatio / (spamRatio + hamRatio)
            let n = Double(c.spam + c.ham)
            let f = (strength * prior + n * p) / (strength + n)
            if abs(f - 0.5) >= minimumDeviation { clues.append(f) }
        }
        guard !clues.isEmpty else { return nil }
        if clues.count > maximumTokens {
            clues.sort { abs($0 - 0.5) > abs($1 - 0.5) }
            clues.removeLast(clues.count - maximumTokens)
        }
        var lnSpam = 0.0, lnHam = 0.0
        for f in clues {
            let g = min(max(f, 1e-6), 1 - 1e-6)
            lnSpam += log(g)
            lnHam += log(1 - g)
        }
        let degrees = 2 * clues.count
        // Fisher: S is the spam evidence (1 − p-value of Π(1 − f)), H the ham evidence.
        let s = 1 - chiSquareQ(-2 * lnHam, degrees)
        let h = 1 - chiSquareQ(-2 * lnSpam, degrees)
        let evidence = logChiSquareQ(-2 * lnSpam, degrees) - logChiSquareQ(-2 * lnHam, degrees)
        return BayesVerdict(probability: (s - h + 1) / 2, evidence: evidence, clues: clues.count)
    }

    /// The verdict of the trained weights (`BayesWeightTrainer`): log-odds
    /// z = bias + Σ weight(t) / √(tokens), probability 1 / (1 + e^−z), evidence 10·tanh(z/4).
    /// The evidence is squashed, not clamped: it keeps ranking messages however sure the
    /// model is (clamping made every sure message tie at the limit), and stays within ±10
    /// like the chi-square evidence, so one fitted weight serves both. Nil when no token
    /// of the message has a weight.
    public func weightedVerdict(tokens: [UInt64], counts: [UInt64: BayesTokenCounts], bias: Double) -> BayesVerdict? {
        var sum = 0.0
        var clues = 0
        for token in tokens {
            guard let weight = counts[token]?.weight, weight != 0 else { continue }
            sum += weight
            clues += 1
        }
        guard clues > 0 else { return nil }
        let z = bias + sum / Double(tokens.count).squareRoot()
        return BayesVerdict(probability: 1 / (1 + exp(-z)), evidence: 10 * tanh(z / 4), clues: clues)
    }

    /// ln P(χ² ≥ x²), even degrees, computed in log space (no underflow).
    func logChiSquareQ(_ x2: Double, _ degrees: Int) -> Double {
        let m = x2 / 2
        guard m > 0 else { return 0 }
        var logTerm = -m
        var maximum = logTerm
        var terms: [Double] = [logTerm]
        terms.reserveCapacity(degrees / 2)
        var i = 1
        while i < degrees / 2 {
            logTerm += log(m / Double(i))
            terms.append(logTerm)
            maximum = max(maximum, logTerm)
            i += 1
        }
        var sum = 0.0
        for t in terms { sum += exp(t - maximum) }
        return min(0, maximum + log(sum))
    }

    /// P(χ² ≥ x²) with an even number of degrees of freedom.
    func chiSquareQ(_ x2: Double, _ degrees: Int) -> Double {
        let m = x2 / 2
        var term = exp(-m)
        var sum = term
        var i = 1
        while i < degrees / 2 {
            term *= m / Double(i)
            sum += term
            i += 1
        }
        return min(sum, 1)
    }
}

/// The classifier's answer for one message.
public struct BayesVerdict: Sendable, Hashable {
    /// Spam probability, 0…1 (saturates near 0 and 1).
    public var probability: Double
    /// Log-evidence, positive for spam, about −700…700 (see `verdict`).
    public var evidence: Double
    /// Tokens that were combined.
    public var clues: Int
}
