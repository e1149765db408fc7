import Intake

/// The filter's state behind a storage interface (ARCHITECTURE.md): the access rules and
/// the recent verdicts (the admin UI's scan history). The SQLite implementation lives in
/// `FilterStore`; `InMemoryFilterState` serves unit tests.
public protocol FilterStateStore: Sendable {
    func rules() async throws(FilterStateError) -> [AccessRule]
    /// Adds a rule; adding an existing (kind, value) replaces its action.
    func addRule(_ rule: AccessRule) async throws(FilterStateError)
    /// Returns false when there was no such rule.
    func removeRule(kind: AccessRule.Kind, value: String) async throws(FilterStateError) -> Bool
    /// Keeps the last `FilterHistoryEntry.kept` verdicts.
    func recordVerdict(_ entry: FilterHistoryEntry) async throws(FilterStateError)
    func history(limit: Int) async throws(FilterStateError) -> [FilterHistoryEntry]
}

public struct FilterStateError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// One verdict as the history keeps it.
public struct FilterHistoryEntry: Sendable, Hashable, Codable {
    public static let kept = 1000

    public var time: Double
    public var queueID: String
    public var sender: String
    public var recipients: [String]
    public var action: String
    public var score: Double
    public var symbols: [ScoreSymbol]

    public init(time: Double, queueID: String, sender: String, recipients: [String], action: String, score: Double,
                symbols: [ScoreSymbol]) {
        self.time = time
        self.queueID = queueID
        self.sender = sender
        self.recipients = recipients
        self.action = action
        self.score = score
        self.symbols = symbols
    }
}

/// Filter state in memory (unit tests, `filter scan` without a data directory).
public actor InMemoryFilterState: FilterStateStore {
    private var stored: [AccessRule] = []
    private var verdicts: [FilterHistoryEntry] = []

    public init(rules: [AccessRule] = []) {
        stored = rules
    }

    public func rules() -> [AccessRule] { stored }

    public func addRule(_ rule: AccessRule) {
        stored.removeAll { $0.kind == rule.kind && $0.value == rule.value }
        stored.append(rule)
    }

    public func removeRule(kind: AccessRule.Kind, value: String) -> Bool {
        let before = stored.count
        stored.removeAll { $0.kind == kind && $0.value == value.lowercased() }
        return stored.count != before
    }

    public func recordVerdict(_ entry: FilterHistoryEntry) {
        verdicts.append(entry)
        if verdicts.count > FilterHistoryEntry.kept { verdicts.removeFirst(verdicts.count - FilterHistoryEntry.kept) }
    }

    public func history(limit: Int) -> [FilterHistoryEntry] { Array(verdicts.suffix(limit).reversed()) }
}
