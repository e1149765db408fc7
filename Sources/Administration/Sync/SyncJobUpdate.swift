import Foundation
import Sync

extension SyncAdministration {
    /// Changes a job (the web admin's edit form): every field as `input` gives it, except
    /// that a password left out (nil) keeps the stored one of the same login (the user's,
    /// or the administrator's), and `enabled` stays. The local user cannot change.
    ///
    /// What a job remembers (folders' UIDVALIDITY and UIDs, copied and linked messages)
    /// belongs to one remote account: a new host or remote user forgets it, as `sync remove`
    /// + `sync add` would — otherwise UIDs of the other account would be taken as copied
    /// (never copied) and `--expunge-remote` would delete them remotely. The skip rule
    /// (Message-ID, size, date) still links what is already here, so nothing is copied twice.
    /// The job's lock is held meanwhile, so a running job is a conflict, not a moving target.
    public func update(_ localUser: String, _ input: SyncJobInput, lockDirectory: URL?) async throws(AdminError) -> SyncJob {
        let base = try await job(localUser)
        var input = input
        input.localUser = base.localUser
        if input.adminUser == nil {
            input.adminPassword = nil
            if input.password == nil { input.password = base.password }
        } else {
            input.password = nil
            if input.adminPassword == nil { input.adminPassword = base.adminPassword }
        }
        var job = try input.job()
        job.enabled = base.enabled
        try Self.validate(job)
        let lock = try lockDirectory.map { directory throws(AdminError) in
            guard let lock = JobLock(directory: directory).tryAcquire(base.localUser) else {
                throw .conflict("the sync job of \(base.localUser) is running: change it once the run ends")
            }
            return lock
        }
        defer { lock?.release() }
        let otherAccount = job.host.lowercased() != base.host.lowercased() || job.remoteUser != base.remoteUser
        do {
            if otherAccount {
                let lastRun = try await store.lastRun(base.localUser)
                _ = try await store.remove(base.localUser)
                try await store.save(job)
                // The last run stays visible (it is history, not state the next run reads).
                if let lastRun { try await store.recordRun(job.localUser, lastRun) }
            } else {
                try await store.save(job)
            }
        } catch {
            throw .internal("sync jobs: \(error)")
        }
        return job
    }
}
