import Connectors
import Foundation

extension ConnectorAdministration {
    /// One account as `connector list --json` shows it (with its status; never its password).
    public func row(_ email: String) async throws(AdminError) -> ConnectorRow {
        let account = try await account(email)
        let status: ConnectorStatus
        do { status = try await store.status(account.email) } catch { throw .internal(error.description) }
        return ConnectorRow(account, status)
    }
}

/// Fetching an account now from inside `serve` (the REST API's `run`): the server's own
/// fetcher, so the messages go to its running delivery agents. The per-account lock keeps
/// it off an account the scheduler or `postino connector run` is fetching.
public struct ConnectorRunner: Sendable {
    public let connectors: ConnectorAdministration
    let fetcher: ConnectorFetcher

    public init(connectors: ConnectorAdministration, fetcher: ConnectorFetcher) {
        self.connectors = connectors
        self.fetcher = fetcher
    }

    /// Runs the account once (even when it is disabled, as `connector run EMAIL` does) and
    /// returns what `connector run --json` prints. Another fetcher still busy after `wait`
    /// is a conflict; a remote failure is in the report (the run itself was done).
    public func run(_ email: String, wait: Duration = .seconds(30)) async throws(AdminError) -> ConnectorRunReport {
        let account = try await connectors.account(email)
        let report = await fetcher.run(account, wait: wait)
        if report.errorKind == "busy" { throw .conflict(report.error ?? "another fetcher is working on \(account.email)") }
        return report
    }
}
