import Directory
import MailCore

/// Everything an `InMemoryDirectory` holds. A copy of it is one consistent view, over
/// which the directory's own resolution rules (`RecipientResolution`) run.
struct DirectoryState: DirectoryEntries {
    struct Account {
        var user: User
        /// In clear: test data only. nil: no login possible.
        var password: String?
    }

    var domains: [String: Domain] = [:]
    var accounts: [String: Account] = [:]
    var groups: [String: Group] = [:]
    var aliases: [Int64: Address] = [:]
    var nextAliasID: Int64 = 1
    var publicMailboxes: [String: PublicMailbox] = [:]
    /// Stored setting values by key (`SettingsStore` validates them before they get here).
    var settings: [String: String] = [:]

    func setting(_ key: SettingKey) -> String {
        key.effectiveValue(stored: settings[key.rawValue])
    }

    func domain(named name: String) -> Domain? {
        domains[name]
    }

    func alias(local: String, domain: String?) -> DirectoryAliasKey? {
        aliases.first { $0.value.localPart == local && $0.value.domain == domain }
            .map { DirectoryAliasKey(id: $0.key, internalOnly: $0.value.internalOnly) }
    }

    func destinations(ofAlias id: Int64) -> [AddressDestination] {
        aliases[id]?.destinations ?? []
    }

    func hasUser(_ name: String) -> Bool {
        accounts[name] != nil
    }

    func delivery(ofUser name: String) -> (forwards: [EmailAddress], keepCopy: Bool) {
        guard let user = accounts[name]?.user else { return ([], false) }
        return (user.forwards, user.keepCopy)
    }

    func groupAddressEnabled(_ name: String) -> Bool? {
        groups[name]?.addressEnabled
    }

    func members(ofGroup name: String) -> [String] {
        groups[name]?.members.sorted() ?? []
    }

    func administrators() -> [String] {
        accounts.values.map(\.user).filter(\.isAdministrator).map(\.name).sorted()
    }

    /// A domain name as the directory keys it: lowercased, no trailing dot.
    static func domainKey(_ name: String) -> String {
        var key = name.lowercased()
        if key.hasSuffix(".") { key.removeLast() }
        return key
    }
}
