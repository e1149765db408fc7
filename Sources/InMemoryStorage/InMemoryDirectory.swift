import Directory
import MailCore
import Synchronization

/// A `MailDirectory` kept in memory, for unit tests of the sessions, intake and delivery
/// without a database. Resolution runs the directory's own rules (`RecipientResolution`)
/// over a copy of the state; settings go through `SettingsStore` (validated as in SQLite).
/// Entries are added by the setup methods below, without the validation Administration
/// does: tests give well-formed, lowercased names. Logins compare clear passwords and
/// apply the per-service switches; master logins are not supported.
public final class InMemoryDirectory: MailDirectory {
    let state = Mutex(DirectoryState())

    public init() {}

    public var settings: SettingsStore { SettingsStore(storage: InMemorySettings(directory: self)) }

    // MARK: MailDirectory

    public func resolve(_ address: String, sender: SenderContext) throws(DirectoryError) -> Resolution {
        let view = snapshot()
        do {
            return try RecipientResolution.resolve(address, sender: sender, in: view)
        } catch {
            throw .storage("\(error)")
        }
    }

    public func isSenderAllowed(_ address: String, forUser name: String) throws(DirectoryError) -> Bool {
        let view = snapshot()
        do {
            return try RecipientResolution.isSenderAllowed(address, forUser: name, in: view)
        } catch {
            throw .storage("\(error)")
        }
    }

    public func verifyLogin(_ login: String, password: String, service: MailService) async -> AuthResult {
        let view = snapshot()
        var name = login.lowercased()
        if let at = name.lastIndex(of: "@") {
            let domain = view.domains[DirectoryState.domainKey(String(name[name.index(after: at)...]))]
            guard let domain, domain.enabled, domain.deliversLocally else { return .failure(.invalidCredentials) }
            name = String(name[..<at])
        }
        guard let account = view.accounts[name], let expected = account.password, expected == password else {
            return .failure(.invalidCredentials)
        }
        guard account.user.mayUse(service) else { return .failure(.serviceDisabled(service)) }
        return .success(account.user, viaMaster: false)
    }

    public func user(named name: String) throws(DirectoryError) -> User? {
        state.withLock { $0.accounts[name.lowercased()]?.user }
    }

    public func groups(ofUser name: String) throws(DirectoryError) -> [String] {
        let user = name.lowercased()
        return state.withLock { $0.groups.values.filter { $0.members.contains(user) }.map(\.name).sorted() }
    }

    public func setQuotaUsage(_ name: String, bytes: Int64) throws(DirectoryError) {
        try update(user: name) { $0.quotaUsedBytes = max(0, bytes) }
    }

    public func domains() throws(DirectoryError) -> [Domain] {
        state.withLock { $0.domains.values.sorted { $0.name < $1.name } }
    }

    public func domain(named name: String) throws(DirectoryError) -> Domain? {
        state.withLock { $0.domains[DirectoryState.domainKey(name)] }
    }

    public func publicMailboxes() throws(DirectoryError) -> [PublicMailbox] {
        state.withLock { $0.publicMailboxes.values.sorted { $0.name < $1.name } }
    }

    public func publicMailbox(named name: String) throws(DirectoryError) -> PublicMailbox? {
        state.withLock { $0.publicMailboxes[name.lowercased()] }
    }

    // MARK: Setup (what Administration does on the SQLite directory)

    @discardableResult
    public func addDomain(_ name: String, relayTo relay: RelayTarget? = nil, catchAll: EmailAddress? = nil,
                          copyTo: EmailAddress? = nil) -> Domain {
        let domain = Domain(name: DirectoryState.domainKey(name), relay: relay, catchAll: catchAll, copyTo: copyTo)
        state.withLock { $0.domains[domain.name] = domain }
        return domain
    }

    /// `password` nil: the user cannot log in (mail is still delivered).
    @discardableResult
    public func addUser(_ name: String, password: String? = nil, quota: Int64? = nil, isAdministrator: Bool = false,
                        forwards: [EmailAddress] = [], keepCopy: Bool = false) -> User {
        let user = User(name: name.lowercased(), isAdministrator: isAdministrator, forwards: forwards, keepCopy: keepCopy,
                        quota: quota, hasPassword: password != nil)
        state.withLock { $0.accounts[user.name] = DirectoryState.Account(user: user, password: password) }
        return user
    }

    /// Changes a user's record (service switches, forwards, quota…).
    public func update(user name: String, _ change: (inout User) -> Void) throws(DirectoryError) {
        let key = name.lowercased()
        let found = state.withLock { state -> Bool in
            guard state.accounts[key] != nil else { return false }
            change(&state.accounts[key]!.user)
            return true
        }
        guard found else { throw .notFound(.user, key) }
    }

    /// Removes the user and their group memberships (aliases naming them stay).
    public func removeUser(_ name: String) {
        let key = name.lowercased()
        state.withLock { state in
            state.accounts[key] = nil
            for group in state.groups.keys { state.groups[group]?.members.removeAll { $0 == key } }
        }
    }

    public func addGroup(_ name: String, members: [String], addressEnabled: Bool = true) {
        let group = Group(name: name.lowercased(), addressEnabled: addressEnabled, members: members.map { $0.lowercased() }.sorted())
        state.withLock { $0.groups[group.name] = group }
    }

    /// An alias `local@domain`, or `local@*` (`domain` nil) at every local domain.
    public func addAddress(_ local: String, domain: String?, destinations: [AddressDestination], internalOnly: Bool = false) {
        let address = Address(localPart: local.lowercased(), domain: domain.map(DirectoryState.domainKey),
                              internalOnly: internalOnly, destinations: destinations)
        state.withLock { state in
            state.aliases[state.nextAliasID] = address
            state.nextAliasID += 1
        }
    }

    public func addPublicMailbox(_ name: String, groups: [String]) {
        let mailbox = PublicMailbox(name: name.lowercased(), groups: groups.map { $0.lowercased() }.sorted())
        state.withLock { $0.publicMailboxes[mailbox.name] = mailbox }
    }

    func snapshot() -> DirectoryState {
        state.withLock { $0 }
    }
}

/// The settings rows of an `InMemoryDirectory`, in its state (so resolution sees them).
struct InMemorySettings: SettingsStorage {
    let directory: InMemoryDirectory

    func storedValue(_ key: String) throws(DirectoryError) -> String? {
        directory.state.withLock { $0.settings[key] }
    }

    func store(_ value: String, for key: String) throws(DirectoryError) {
        directory.state.withLock { $0.settings[key] = value }
    }

    func removeValue(for key: String) throws(DirectoryError) {
        directory.state.withLock { $0.settings[key] = nil }
    }

    func storedValues() throws(DirectoryError) -> [String: String] {
        directory.state.withLock { $0.settings }
    }
}
