import Connectors
import Directory
import MailCore

/// Connector accounts (SPEC 9): add, change, list, remove, check. The accounts live behind
/// the Connectors module's `ConnectorStore` (SQLite in ConnectorStore), handed in by
/// whoever opens the database. Fetching (`connector run`) needs the mail system and is
/// wired by the caller.
public struct ConnectorAdministration: Sendable {
    public let administration: Administration
    public let store: any ConnectorStore

    public init(administration: Administration, store: any ConnectorStore) {
        self.administration = administration
        self.store = store
    }

    public func list() async throws(AdminError) -> [ConnectorRow] {
        var rows: [ConnectorRow] = []
        for account in try await call({ () async throws(ConnectorStoreError) in try await store.accounts() }) {
            let status = try await call { () async throws(ConnectorStoreError) in try await store.status(account.email) }
            rows.append(ConnectorRow(account, status))
        }
        return rows
    }

    public func account(_ email: String) async throws(AdminError) -> ConnectorAccount {
        guard let account = try await call({ () async throws(ConnectorStoreError) in try await store.account(email) }) else {
            throw .notFound("no connector \(email.lowercased())")
        }
        return account
    }

    @discardableResult
    public func add(_ email: String, _ changes: ConnectorChanges) async throws(AdminError) -> ConnectorAccount {
        let email = try Self.address(email)
        let account = try changes.apply(to: nil, email: email)
        try validateUser(account.deliverTo)
        try await call { () async throws(ConnectorStoreError) in try await store.save(account, adding: true) }
        return account
    }

    @discardableResult
    public func update(_ email: String, _ changes: ConnectorChanges) async throws(AdminError) -> ConnectorAccount {
        let base = try await account(email)
        let account = try changes.apply(to: base, email: base.email)
        if account.deliverTo != base.deliverTo { try validateUser(account.deliverTo) }
        try await call { () async throws(ConnectorStoreError) in try await store.save(account, adding: false) }
        return account
    }

    public func remove(_ email: String) async throws(AdminError) {
        let removed = try await call { () async throws(ConnectorStoreError) in try await store.remove(email) }
        if !removed { throw .notFound("no connector \(email.lowercased())") }
    }

    /// Connects, starts TLS and logs in (network: call it off the event loops).
    public func check(_ email: String) async throws(AdminError) -> ConnectorCheckRow {
        let account = try await account(email)
        do {
            try await ConnectorProbe.check(account)
            return ConnectorCheckRow(email: account.email, ok: true)
        } catch {
            return ConnectorCheckRow(email: account.email, ok: false, failure: error.kind, message: error.description)
        }
    }

    static func address(_ text: String) throws(AdminError) -> String {
        let email = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard (try? EmailAddress.parse(email)) != nil else { throw .invalidInput("\(text) is not an email address") }
        return email
    }

    private func validateUser(_ name: String) throws(AdminError) {
        let user: User?
        do { user = try administration.directory.user(named: name) } catch { throw AdminError(error) }
        if user == nil { throw .notFound("no user \(name) (--deliver-to names a local user)") }
    }

    private func call<T: Sendable>(_ body: () async throws(ConnectorStoreError) -> T) async throws(AdminError) -> T {
        do {
            return try await body()
        } catch {
            if case .conflict = error { throw .conflict(error.description) }
            throw .internal(error.description)
        }
    }
}
