import Foundation

/// The counters of the run in progress, shared by the folder workers; reports progress to
/// the caller and, every few seconds, to the store (for `sync status` in another process).
actor SyncTracker {
    private(set) var stats: SyncRunStats
    let report: @Sendable (SyncRunStats, String?) -> Void
    let persist: @Sendable (SyncRunStats) async -> Void
    private var lastPersist = Date()

    init(stats: SyncRunStats, report: @escaping @Sendable (SyncRunStats, String?) -> Void,
         persist: @escaping @Sendable (SyncRunStats) async -> Void) {
        self.stats = stats
        self.report = report
        self.persist = persist
    }

    func update(_ change: (inout SyncRunStats) -> Void) async {
        change(&stats)
        report(stats, nil)
        if Date().timeIntervalSince(lastPersist) > 0.5 {
            lastPersist = Date()
            await persist(stats)
        }
    }

    /// A folder ended (`error` nil when it went well): one line per folder off a terminal.
    func folderDone(_ name: String, error: String?) async {
        stats.foldersDone += 1
        if let error {
            stats.folderErrors[name] = error
        }
        report(stats, name)
        lastPersist = Date()
        await persist(stats)
    }
}
