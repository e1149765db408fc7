import Directory
import Foundation
import MailClient
import MailStore
import Sync

/// Synchronization jobs (SPEC 9): add, change, list, status, remove, run. The jobs live
/// behind the Sync module's `SyncStore` (SQLite in SyncStore), handed in by whoever opens
/// the database; running needs the mail store, also handed in.
public struct SyncAdministration: Sendable {
    public let administration: Administration
    public let store: any SyncStore

    public init(administration: Administration, store: any SyncStore) {
        self.administration = administration
        self.store = store
    }

    public func add(_ job: SyncJob) async throws(AdminError) -> SyncJob {
        var job = job
        job.localUser = try canonicalUser(job.localUser)
        try Self.validate(job)
        if try await call({ try await store.job(job.localUser) }) != nil {
            throw .conflict("user \(job.localUser) has a sync job already (sync remove it first)")
        }
        try await call { try await store.save(job) }
        return job
    }

    public func job(_ localUser: String) async throws(AdminError) -> SyncJob {
        let name = localUser.lowercased()
        guard let job = try await call({ try await store.job(name) }) else { throw .notFound("no sync job for \(name)") }
        return job
    }

    public func jobs() async throws(AdminError) -> [SyncJob] {
        try await call { try await store.jobs() }
    }

    /// The last run; one recorded as running while nobody holds the job's lock was killed
    /// and is reported `interrupted` (the next run resumes it).
    public func lastRun(_ localUser: String, lockDirectory: URL? = nil) async throws(AdminError) -> SyncRunStats? {
        guard var stats = try await call({ try await store.lastRun(localUser.lowercased()) }) else { return nil }
        if stats.state == .running, let lockDirectory,
           let lock = JobLock(directory: lockDirectory).tryAcquire(localUser.lowercased()) {
            lock.release()
            stats.state = .interrupted
        }
        return stats
    }

    public func setEnabled(_ localUser: String, _ enabled: Bool) async throws(AdminError) -> SyncJob {
        var job = try await job(localUser)
        job.enabled = enabled
        try await call { try await store.save(job) }
        return job
    }

    public func remove(_ localUser: String) async throws(AdminError) {
        let name = localUser.lowercased()
        guard try await call({ try await store.remove(name) }) else { throw .notFound("no sync job for \(name)") }
    }

    /// Runs the job now unless another process runs it; nil when it is running elsewhere.
    public func run(_ localUser: String, mail: MailStore, lockDirectory: URL, options: SyncOptions,
                    progress: @escaping @Sendable (SyncRunStats, String?) -> Void) async throws(AdminError) -> SyncRunStats? {
        let job = try await job(localUser)
        guard let lock = JobLock(directory: lockDirectory).tryAcquire(job.localUser) else { return nil }
        defer { lock.release() }
        let engine = SyncEngine(store: store, mail: mail, options: options)
        return await engine.run(job, progress: progress)
    }

    static func validate(_ job: SyncJob) throws(AdminError) {
        if job.host.isEmpty || job.host.contains(where: { $0 == " " || $0 == "/" }) {
            throw .invalidInput("--host: not a host name or address: \(job.host)")
        }
        guard (1...65535).contains(job.port) else { throw .invalidInput("--port: \(job.port) is not a port number") }
        if job.remoteUser.isEmpty { throw .invalidInput("--user: the remote login is empty") }
        if job.adminUser == nil && job.password == nil {
            throw .invalidInput("give --password-stdin, or --admin-user with --admin-password-stdin")
        }
        if job.adminUser != nil && job.adminPassword == nil { throw .invalidInput("--admin-user needs --admin-password-stdin") }
    }

    private func canonicalUser(_ name: String) throws(AdminError) -> String {
        let user: User?
        do { user = try administration.directory.user(named: name) } catch { throw AdminError(error) }
        guard let user else { throw .notFound("no user \(name) (the local user the mail is copied into)") }
        return user.name
    }

    private func call<T: Sendable>(_ body: () async throws -> T) async throws(AdminError) -> T {
        do {
            return try await body()
        } catch let error as AdminError {
            throw error
        } catch {
            throw .internal("sync jobs: \(error)")
        }
    }
}
