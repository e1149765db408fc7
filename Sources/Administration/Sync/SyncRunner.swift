import Foundation
import MailStore
import Sync

/// Starting a sync job from inside `serve` (the REST API's `run`): the run goes on in the
/// background and records its counters as it goes, so the job's row shows it live. The
/// job's lock (the same files as `postino sync run`) keeps one run per job across
/// processes; a server stopped mid-run leaves it `interrupted`, and the next run resumes it.
public struct SyncRunner: Sendable {
    public let sync: SyncAdministration
    public let mail: MailStore
    /// `<data>/sync`, where the CLI takes the same locks.
    public let lockDirectory: URL

    public init(sync: SyncAdministration, mail: MailStore, lockDirectory: URL) {
        self.sync = sync
        self.mail = mail
        self.lockDirectory = lockDirectory
    }

    /// Starts a run and returns the job's row (state `running`). A disabled job or one
    /// running already (here or in another process) is a conflict.
    public func start(_ localUser: String) async throws(AdminError) -> [String: Any] {
        let job = try await sync.job(localUser)
        guard job.enabled else { throw .conflict("the sync job of \(job.localUser) is disabled (enable it first)") }
        guard let lock = JobLock(directory: lockDirectory).tryAcquire(job.localUser) else {
            throw .conflict("the sync job of \(job.localUser) is running already")
        }
        // Recorded before answering, so a status read right after sees this run, not the last one.
        do {
            try await sync.store.recordRun(job.localUser, SyncRunStats(startedAt: Date().timeIntervalSince1970))
        } catch {
            lock.release()
            throw .internal("sync jobs: \(error)")
        }
        let engine = SyncEngine(store: sync.store, mail: mail, options: SyncOptions())
        Task.detached {
            defer { lock.release() }
            _ = await engine.run(job)
        }
        return try await sync.row(job.localUser, lockDirectory: lockDirectory)
    }
}
