import Foundation
import Queue
import RelayStore

extension Administration {
    func relayRuleStore() throws(AdminError) -> any RelayRuleStore {
        try storeCall { try SQLiteRelayRuleStore(database: directory.database) }
    }

    /// Every relay host rule, the smarthost first, then by sender.
    public func relayRules() throws(AdminError) -> [RelayRuleRow] {
        let store = try relayRuleStore()
        do { return try store.rules().rules.map(RelayRuleRow.init) } catch { throw AdminError(error) }
    }

    /// The default relay host, if one is set.
    public func smarthost() throws(AdminError) -> RelayRuleRow? {
        try relayRules().first(where: \.isSmarthost)
    }

    /// Sends the mail of a sender address or domain through a relay host (adds or replaces
    /// the sender's rule). The smarthost is set with `setSmarthost`.
    @discardableResult
    public func addRelayRule(sender: String, _ host: RelayHost) throws(AdminError) -> RelayRuleRow {
        guard sender.trimmingCharacters(in: .whitespaces) != RelayRule.smarthostKey else {
            throw .invalidInput("\"*\" is the default relay host: set it as the smarthost")
        }
        return try saveRelayRule(sender: sender, host)
    }

    /// Removes the relay host rule of a sender address or domain; returns its normalized key.
    @discardableResult
    public func removeRelayRule(sender: String) throws(AdminError) -> String {
        let key: String
        do { key = try RelayRule.senderKey(sender) } catch { throw AdminError(error) }
        let store = try relayRuleStore()
        do { try store.remove(key) } catch { throw AdminError(error) }
        return key
    }

    /// Sends all other outgoing mail (what no rule matches) through this host.
    @discardableResult
    public func setSmarthost(_ host: RelayHost) throws(AdminError) -> RelayRuleRow {
        try saveRelayRule(sender: RelayRule.smarthostKey, host)
    }

    /// Delivers what no rule matches directly (by MX) again. False when none was set.
    @discardableResult
    public func removeSmarthost() throws(AdminError) -> Bool {
        let store = try relayRuleStore()
        do {
            try store.remove(RelayRule.smarthostKey)
            return true
        } catch RelayRuleError.notFound {
            return false
        } catch {
            throw AdminError(error)
        }
    }

    private func saveRelayRule(sender: String, _ host: RelayHost) throws(AdminError) -> RelayRuleRow {
        let rule: RelayRule
        do {
            rule = try RelayRule.validated(sender: sender, host: host.host, port: host.port, username: host.user,
                                           password: host.password, tls: host.tls)
        } catch { throw AdminError(error) }
        let store = try relayRuleStore()
        do { try store.save(rule) } catch { throw AdminError(error) }
        return RelayRuleRow(rule)
    }
}
