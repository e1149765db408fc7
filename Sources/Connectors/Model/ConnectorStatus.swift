import Foundation

/// What the last runs of an account did (`connector list`).
public struct ConnectorStatus: Sendable, Hashable, Codable {
    public var lastRun: Date?
    public var lastSuccess: Date?
    public var fetchedTotal: Int
    public var fetchedLastRun: Int
    /// The last run's error; nil after a successful run.
    public var lastError: String?
    /// Failed runs in a row (the scheduler's backoff).
    public var failures: Int

    public init(lastRun: Date? = nil, lastSuccess: Date? = nil, fetchedTotal: Int = 0, fetchedLastRun: Int = 0,
                lastError: String? = nil, failures: Int = 0) {
        self.lastRun = lastRun
        self.lastSuccess = lastSuccess
        self.fetchedTotal = fetchedTotal
        self.fetchedLastRun = fetchedLastRun
        self.lastError = lastError
        self.failures = failures
    }
}
