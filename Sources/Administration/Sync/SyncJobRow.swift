import Foundation
import Sync

extension SyncAdministration {
    /// A job and its last run as the JSON rows of `sync list` / `sync status` and of the
    /// REST API: the run's keys are there only once the job has run. No password is part of it.
    public static func row(_ job: SyncJob, _ run: SyncRunStats?) -> [String: Any] {
        var row: [String: Any] = [
            "local_user": job.localUser, "host": job.host, "port": job.port, "tls": job.tls.rawValue,
            "tls_verify": job.verifyCertificate, "remote_user": job.remoteUser,
            "login": job.adminUser.map { "admin \($0)" } ?? "password", "enabled": job.enabled,
            "delete_local_missing": job.deleteLocalMissing, "expunge_remote": job.expungeRemote,
            "include": job.includes, "exclude": job.excludes,
        ]
        if let run {
            let now = Date().timeIntervalSince1970
            let rates = run.rates(now: now)
            row["state"] = run.state.rawValue
            row["dry_run"] = run.dryRun
            row["started_at"] = run.startedAt
            row["finished_at"] = run.finishedAt as Any? ?? NSNull()
            row["folders_total"] = run.foldersTotal
            row["folders_done"] = run.foldersDone
            row["messages_total"] = run.messagesTotal
            row["copied"] = run.copied
            row["skipped"] = run.skipped
            row["failed"] = run.failed
            row["flags_updated"] = run.flagsUpdated
            row["deleted_local"] = run.deletedLocal
            row["expunged_remote"] = run.expungedRemote
            row["bytes"] = run.bytes
            row["messages_per_second"] = (rates.messages * 10).rounded() / 10
            row["bytes_per_second"] = rates.bytes.rounded()
            row["eta_seconds"] = run.state == .running ? (run.eta(now: now).map { $0.rounded() } as Any? ?? NSNull()) : NSNull()
            row["error"] = run.error as Any? ?? NSNull()
        }
        return row
    }

    /// One job's row with its last run (live while it runs: the engine records its counters
    /// as it goes). `lockDirectory` tells a killed run (`interrupted`) from a running one.
    public func row(_ localUser: String, lockDirectory: URL?) async throws(AdminError) -> [String: Any] {
        let job = try await job(localUser)
        return Self.row(job, try await lastRun(job.localUser, lockDirectory: lockDirectory))
    }

    /// Every job's row, as `sync list --json` prints them.
    public func rows(lockDirectory: URL?) async throws(AdminError) -> [[String: Any]] {
        var rows: [[String: Any]] = []
        for job in try await jobs() {
            rows.append(Self.row(job, try await lastRun(job.localUser, lockDirectory: lockDirectory)))
        }
        return rows
    }
}
