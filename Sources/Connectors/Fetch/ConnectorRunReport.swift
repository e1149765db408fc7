/// What one run of an account did (`connector run` prints it).
public struct ConnectorRunReport: Sendable, Hashable, Codable {
    public var account: String
    /// Messages stored locally in this run.
    public var fetched = 0
    /// Already known (stored or refused before): skipped.
    public var known = 0
    /// Refused by the filter for good: left on the server, remembered.
    public var refused = 0
    /// A temporary verdict (clamd down…): left on the server, tried again next run.
    public var deferred = 0
    /// Deleted on the server after being stored.
    public var deleted = 0
    /// Crash leftovers found committed (stored) or not (forgotten, fetched again).
    public var recovered = 0
    /// Why the run stopped early; nil when it completed.
    public var error: String?
    /// `MailClientError.kind` (`dns`, `refused`, `tls`, `certificate`, `auth`…), `busy`,
    /// `local`; nil without error.
    public var errorKind: String?

    public init(account: String) {
        self.account = account
    }

    public var succeeded: Bool { error == nil }
}

/// Local reasons a run cannot go on.
public enum ConnectorRunError: Error, Sendable, CustomStringConvertible {
    case noSuchUser(String)
    case busy(String)
    case store(String)
    /// The server is shutting down.
    case stopped

    public var description: String {
        switch self {
        case .noSuchUser(let user): return "the local user \(user) does not exist"
        case .busy(let account): return "another fetcher is working on \(account)"
        case .store(let text): return text
        case .stopped: return "stopped by the server's shutdown; the next run goes on"
        }
    }
}
