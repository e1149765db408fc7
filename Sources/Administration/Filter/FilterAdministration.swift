import Antispam
import Directory
import Filter
import Foundation

/// The content filter's administration: access rules, switches and clamd's state, the
/// verdict history, Bayes training progress. The filter's state lives behind the Filter
/// module's `FilterStateStore` and Antispam's `BayesStore` (SQLite implementations in
/// FilterStore and AntispamStore), handed in by whoever opens the database.
///
/// `status()` reads settings and asks clamd (blocking): call it off the event loops.
public struct FilterAdministration: Sendable {
    public let administration: Administration
    public let state: any FilterStateStore
    public let bayes: any BayesStore

    public init(administration: Administration, state: any FilterStateStore, bayes: any BayesStore) {
        self.administration = administration
        self.state = state
        self.bayes = bayes
    }

    var directory: DirectoryStore { administration.directory }

    /// Every access rule, as `filter rule list --json` shows them.
    public func rules() async throws(AdminError) -> [FilterRuleRow] {
        try await filterCall { () async throws(FilterStateError) in try await state.rules() }.map(FilterRuleRow.init)
    }

    /// Adds an allow-from, allow-to or block-from rule (an existing one gets the new action).
    @discardableResult
    public func addRule(kind: String, value: String, action: String = "reject") async throws(AdminError) -> FilterRuleRow {
        guard let kind = AccessRule.Kind(rawValue: kind.lowercased()) else {
            throw .invalidInput("kind: expected allow-from, allow-to or block-from, got \"\(kind)\"")
        }
        guard let action = AccessRule.BlockAction(rawValue: action.lowercased()) else {
            throw .invalidInput("action: expected reject or quarantine, got \"\(action)\"")
        }
        let value = value.trimmingCharacters(in: .whitespaces)
        if let problem = AccessRule.validate(value) { throw .invalidInput("value: \(value): \(problem)") }
        if kind != .blockFrom && action != .reject { throw .invalidInput("action: applies to block-from rules only") }
        let rule = AccessRule(kind: kind, value: value, action: action)
        try await filterCall { () async throws(FilterStateError) in try await state.addRule(rule) }
        return FilterRuleRow(rule)
    }

    public func removeRule(kind: String, value: String) async throws(AdminError) {
        guard let kind = AccessRule.Kind(rawValue: kind.lowercased()) else {
            throw .invalidInput("kind: expected allow-from, allow-to or block-from, got \"\(kind)\"")
        }
        let removed = try await filterCall { () async throws(FilterStateError) in try await state.removeRule(kind: kind, value: value) }
        if !removed { throw .notFound("no \(kind.rawValue) rule for \(value.lowercased())") }
    }

    /// The last verdicts, newest first (the store keeps `FilterHistoryEntry.kept`).
    public func history(limit: Int = 50) async throws(AdminError) -> [FilterVerdictRow] {
        let limit = max(1, min(limit, FilterHistoryEntry.kept))
        return try await filterCall { () async throws(FilterStateError) in try await state.history(limit: limit) }
            .map(FilterVerdictRow.init)
    }

    /// How much Bayes has learnt and whether it takes part in scores (the engine's rule).
    public func bayesStatus() async throws(AdminError) -> BayesStatusRow {
        let directory = self.directory
        let minimum = try await Self.onWorkerThread { () throws(AdminError) in
            try directoryCall { () throws(DirectoryError) in
                (spam: try directory.settings.int(.bayesMinSpam), ham: try directory.settings.int(.bayesMinHam))
            }
        }
        let engine: SpamEngine
        do { engine = try SpamEngine(bayes: bayes, bayesMinimum: minimum) } catch {
            throw .internal("cannot load the antispam rules: \(error)")
        }
        let status: BayesStatus
        do { status = try await engine.status() } catch { throw .internal("cannot read the Bayes model: \(error)") }
        return BayesStatusRow(spam: status.totals.spam, ham: status.totals.ham, tokens: status.totals.tokens,
                              active: status.active, trained: status.trained, min_spam: status.minimumSpam,
                              min_ham: status.minimumHam)
    }

    /// The switches as `filter status --json` shows them, and whether clamd answers
    /// (asked with a 5 s timeout).
    public func status() async throws(AdminError) -> FilterStatusRow {
        let rules = try await rules().count
        let directory = self.directory
        return try await Self.onWorkerThread { () throws(AdminError) in try Self.status(directory, rules: rules) }
    }

    /// Reads the settings (SQLite) and asks clamd (a socket): blocking.
    static func status(_ directory: DirectoryStore, rules: Int) throws(AdminError) -> FilterStatusRow {
        let settings: FilterSettings
        do { settings = try FilterSettings.load(directory) } catch { throw AdminError(error) }
        var version: String?
        var failure: String?
        if !settings.clamd.isEmpty {
            do { version = try ClamdClient(endpoint: settings.clamd, timeout: 5).version() } catch { failure = "\(error)" }
        }
        return FilterStatusRow(
            attachments: settings.attachmentsEnabled, attachments_block: settings.attachments.blocked.map(\.rawValue).sorted(),
            attachments_extensions: settings.attachments.extensions.sorted(), antivirus: settings.antivirusEnabled,
            clamd: settings.clamd, clamd_answers: version != nil, clamd_version: version, clamd_error: failure,
            quarantine: settings.quarantineEnabled, quarantine_mailbox: settings.quarantineMailbox, rules: rules)
    }

    /// Blocking work (synchronous SQLite, sockets) on a Dispatch worker, never on the
    /// Swift concurrency pool (see BlockingIO in Durability for why).
    static func onWorkerThread<T: Sendable>(_ work: @escaping @Sendable () throws(AdminError) -> T) async throws(AdminError) -> T {
        let result: Result<T, AdminError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(AdminError) -> T in try work() })
            }
        }
        return try result.get()
    }

    private func filterCall<T>(_ body: () async throws(FilterStateError) -> T) async throws(AdminError) -> T {
        do { return try await body() } catch { throw .internal("filter state: \(error.description)") }
    }
}
