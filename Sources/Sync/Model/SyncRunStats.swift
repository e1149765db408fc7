/// Counters of one run, kept while it runs (progress) and after it (`sync status`).
public struct SyncRunStats: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Codable {
        case running, finished, failed, interrupted
    }

    public var state: State = .running
    public var dryRun = false
    /// Seconds since 1970.
    public var startedAt: Double
    public var finishedAt: Double?
    public var foldersTotal = 0
    public var foldersDone = 0
    public var messagesTotal = 0
    public var copied = 0
    public var skipped = 0
    public var failed = 0
    public var flagsUpdated = 0
    public var deletedLocal = 0
    public var expungedRemote = 0
    public var bytes: Int64 = 0
    /// Bytes still to copy, as far as known (sizes of messages planned but not yet copied).
    public var bytesPlanned: Int64 = 0
    public var error: String?
    /// Folders that failed, with the reason.
    public var folderErrors: [String: String] = [:]

    public init(startedAt: Double) {
        self.startedAt = startedAt
    }

    /// Messages per second and bytes per second since the start.
    public func rates(now: Double) -> (messages: Double, bytes: Double) {
        let elapsed = max((finishedAt ?? now) - startedAt, 0.001)
        return (Double(copied) / elapsed, Double(bytes) / elapsed)
    }

    /// Seconds left at the current byte rate, nil before anything was copied.
    public func eta(now: Double) -> Double? {
        let rate = rates(now: now).bytes
        guard rate > 0, bytesPlanned >= bytes else { return nil }
        return Double(bytesPlanned - bytes) / rate
    }
}
