import Filter
import Foundation
import Intake

/// An access rule as `filter rule list --json` shows it.
public struct FilterRuleRow: Codable, Sendable, Hashable {
    /// `allow-from`, `allow-to` or `block-from`.
    public var kind: String
    /// An address or a domain (which also matches its subdomains).
    public var value: String
    /// `reject` or `quarantine`: block-from rules only.
    public var action: String?

    init(_ rule: AccessRule) {
        kind = rule.kind.rawValue
        value = rule.value
        action = rule.kind == .blockFrom ? rule.action.rawValue : nil
    }
}

/// One filter verdict with every symbol that fired (`filter history --json`).
public struct FilterVerdictRow: Codable, Sendable, Hashable {
    /// ISO 8601.
    public var time: String
    public var qid: String
    public var sender: String
    public var recipients: [String]
    /// `accept`, `flag`, `greylist`, `reject`, `quarantine`…
    public var action: String
    public var score: Double
    public var symbols: [FilterSymbolRow]

    init(_ entry: FilterHistoryEntry) {
        time = AdminTime.iso8601(Date(timeIntervalSince1970: entry.time))
        qid = entry.queueID
        sender = entry.sender
        recipients = entry.recipients
        action = entry.action
        score = (entry.score * 100).rounded() / 100
        symbols = entry.symbols.map(FilterSymbolRow.init)
    }
}

public struct FilterSymbolRow: Codable, Sendable, Hashable {
    public var name: String
    public var weight: Double
    public var detail: String

    init(_ symbol: ScoreSymbol) {
        name = symbol.name
        weight = (symbol.weight * 100).rounded() / 100
        detail = symbol.detail
    }
}

/// Bayes training progress (`spam status --json`).
public struct BayesStatusRow: Codable, Sendable, Hashable {
    public var spam: Int
    public var ham: Int
    public var tokens: Int
    /// Whether Bayes takes part in scores (enough spam and ham learnt).
    public var active: Bool
    /// Whether the token weights are trained (`BayesWeightTrainer`, after every learn).
    public var trained: Bool
    public var min_spam: Int
    public var min_ham: Int
}

/// The filter's switches and clamd's state (`filter status --json`).
public struct FilterStatusRow: Codable, Sendable, Hashable {
    public var attachments: Bool
    public var attachments_block: [String]
    public var attachments_extensions: [String]
    public var antivirus: Bool
    public var clamd: String
    public var clamd_answers: Bool
    public var clamd_version: String?
    public var clamd_error: String?
    public var quarantine: Bool
    public var quarantine_mailbox: String
    /// How many access rules there are.
    public var rules: Int
}
