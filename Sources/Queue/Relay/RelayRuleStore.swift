/// Where the relay host rules are kept (SQLite: `SQLiteRelayRuleStore` in RelayStore).
/// Blocking: call off the event loops.
public protocol RelayRuleStore: Sendable {
    /// Adds or replaces the rule for its sender.
    func save(_ rule: RelayRule) throws(RelayRuleError)

    /// Removes the rule for `sender` (already a normalised key); `.notFound` when none.
    func remove(_ sender: String) throws(RelayRuleError)

    /// Every rule, the smarthost first, then by sender.
    func rules() throws(RelayRuleError) -> RelayRuleSet
}
