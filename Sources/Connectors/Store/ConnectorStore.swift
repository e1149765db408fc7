import Foundation

/// Connector state behind an interface (ARCHITECTURE.md "Storage interfaces"): accounts,
/// their status, and the durable memory of fetched messages. SQLite implementation in the
/// ConnectorStore module.
public protocol ConnectorStore: Sendable {
    func accounts() async throws(ConnectorStoreError) -> [ConnectorAccount]
    func account(_ email: String) async throws(ConnectorStoreError) -> ConnectorAccount?
    /// Adds (`.conflict` when it exists) or replaces an account.
    func save(_ account: ConnectorAccount, adding: Bool) async throws(ConnectorStoreError)
    /// Removes an account, its status and its memory; false when there was none.
    func remove(_ email: String) async throws(ConnectorStoreError) -> Bool

    func status(_ email: String) async throws(ConnectorStoreError) -> ConnectorStatus
    func setStatus(_ email: String, _ status: ConnectorStatus) async throws(ConnectorStoreError)

    /// Everything remembered for one scope, by remote id.
    func fetched(_ email: String, scope: String) async throws(ConnectorStoreError) -> [String: FetchedMessage]
    /// Pending rows of every scope (crash leftovers).
    func pending(_ email: String) async throws(ConnectorStoreError) -> [FetchedMessage]
    /// Inserts or replaces one row. Durable before the spool commit that follows it: the
    /// spool's sync-barrier round (`syncfs`) makes the database file durable too.
    func remember(_ email: String, _ message: FetchedMessage) async throws(ConnectorStoreError)
    func forget(_ email: String, scope: String, remoteIDs: [String]) async throws(ConnectorStoreError)
    /// Whether a queue ID was committed: its queue row exists, or a mailbox holds a
    /// copy delivered under it (local delivery names files after the QID).
    func wasCommitted(queueID: String) async throws(ConnectorStoreError) -> Bool
}

public enum ConnectorStoreError: Error, Sendable, CustomStringConvertible {
    case conflict(String)
    case database(String)

    public var description: String {
        switch self {
        case .conflict(let email): return "connector \(email) already exists"
        case .database(let text): return "connector store: \(text)"
        }
    }
}
