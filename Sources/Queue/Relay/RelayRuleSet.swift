/// The relay host rules in force, and the choice for one sender.
public struct RelayRuleSet: Hashable, Sendable {
    public var rules: [RelayRule]

    public init(rules: [RelayRule]) {
        self.rules = rules
    }

    public var smarthost: RelayRule? { rules.first { $0.isSmarthost } }

    /// The rule for an envelope sender: its exact address, else its domain, else the
    /// smarthost; nil = deliver directly by MX. The null sender (bounces) only follows
    /// the smarthost.
    public func rule(forSender sender: String) -> RelayRule? {
        let lower = sender.lowercased()
        if !lower.isEmpty, let at = lower.lastIndex(of: "@") {
            let address = (try? RelayRule.senderKey(lower)) ?? lower
            if let exact = rules.first(where: { $0.sender == address }) { return exact }
            let domain = (try? RelayRule.senderKey(String(lower[lower.index(after: at)...]))) ?? String(lower[lower.index(after: at)...])
            if let byDomain = rules.first(where: { $0.sender == domain }) { return byDomain }
        }
        return smarthost
    }
}
