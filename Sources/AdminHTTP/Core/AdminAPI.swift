import Administration
import Authentication
import Durability
import Foundation
import Logging

/// What the routes work with: the administration layer, the tokens, the one authenticator
/// and the audit log.
public struct AdminAPI: Sendable {
    public let administration: Administration
    public let tokens: AdminTokens
    public let authenticator: Authenticator
    /// One line per change made through the API (`log/audit`).
    public let audit: Logger
    /// The audit entries in the database (beside `audit`, the log).
    public var auditStore: (any AdminAuditStore)?
    /// What `/metrics` exports.
    public let metrics: AdminMetrics
    /// The content filter's operations (rules, history, Bayes, clamd); nil: the Filter page says so.
    public var filter: FilterAdministration?
    /// Connector accounts and synchronization jobs (the Connectors and Synchronization pages); nil: those pages say so.
    public var connectors: ConnectorAdministration?
    public var sync: SyncAdministration?
    /// Fetching an account and starting a sync job from the REST API (the server's own
    /// fetcher and mail store); nil: those two operations answer 503.
    public var connectorRunner: ConnectorRunner?
    public var syncRunner: SyncRunner?
    /// Session cookies carry `Secure` (the listener is HTTPS).
    public var secureCookies = false
    /// Wait added to a refused login, beside the authenticator's throttle.
    public var failedLoginDelay: Duration = .seconds(1)

    public init(administration: Administration, tokens: AdminTokens, authenticator: Authenticator, audit: Logger,
                metrics: AdminMetrics = AdminMetrics()) {
        self.metrics = metrics
        self.administration = administration
        self.tokens = tokens
        self.authenticator = authenticator
        self.audit = audit
    }

    /// Runs an administration operation off the event loops (they block on SQLite and
    /// files); its `AdminError` becomes the API's error.
    @discardableResult
    func run<T: Sendable>(_ work: @escaping @Sendable (Administration) throws(AdminError) -> T) async throws -> T {
        let administration = self.administration
        do {
            return try await BlockingIO.run { () throws -> T in try work(administration) }
        } catch let error as AdminError {
            throw APIError(error)
        }
    }

    /// `run` for the token store.
    @discardableResult
    func runTokens<T: Sendable>(_ work: @escaping @Sendable (AdminTokens) throws(AdminError) -> T) async throws -> T {
        let tokens = self.tokens
        do {
            return try await BlockingIO.run { () throws -> T in try work(tokens) }
        } catch let error as AdminError {
            throw APIError(error)
        }
    }
}
