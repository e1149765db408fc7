import Connectors
import Foundation

/// A connector account as `connector list --json` shows it, with its status. The
/// password is never part of a row.
public struct ConnectorRow: Codable, Sendable, Hashable {
    public var email: String
    public var `protocol`: String
    public var host: String
    public var port: Int
    /// `none`, `starttls` or `implicit`.
    public var tls: String
    public var tls_verify: Bool
    public var user: String
    public var deliver_to: String
    /// `keep`, `delete` or a number of days.
    public var remote: String
    public var antispam: Bool
    public var antivirus: Bool
    /// Minutes between runs.
    public var interval: Int
    public var folder: String
    public var enabled: Bool
    public var last_run: String?
    public var last_success: String?
    public var fetched_total: Int
    public var fetched_last_run: Int
    public var last_error: String?


    public init(_ account: ConnectorAccount, _ status: ConnectorStatus) {
        email = account.email
        `protocol` = account.remoteProtocol.rawValue
        host = account.host
        port = account.port
        tls = account.tls.rawValue
        tls_verify = account.verifyCertificate
        user = account.login
        deliver_to = account.deliverTo
        remote = account.remote.description
        antispam = account.antispam
        antivirus = account.antivirus
        interval = account.interval
        folder = account.folder
        enabled = account.enabled
        let format = ISO8601DateFormatter()
        last_run = status.lastRun.map(format.string(from:))
        last_success = status.lastSuccess.map(format.string(from:))
        fetched_total = status.fetchedTotal
        fetched_last_run = status.fetchedLastRun
        last_error = status.lastError
    }
}

/// The outcome of `connector check`: ok, or what failed.
public struct ConnectorCheckRow: Codable, Sendable, Hashable {
    public var email: String
    public var ok: Bool
    /// `dns`, `refused`, `timeout`, `tls`, `certificate`, `auth`, `protocol`…; nil when ok.
    public var failure: String?
    public var message: String?
}
