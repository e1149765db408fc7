import Durability
import Foundation
import IMAPProtocol
import Logging
import MailClient
import MailStore

/// How a run goes about it.
public struct SyncOptions: Sendable {
    /// Count what would be done; change nothing on either side.
    public var dryRun = false
    /// Folders synchronized at the same time, each over its own connection.
    public var parallelFolders = 4
    /// Messages per UID FETCH command.
    public var fetchBatch = 50
    /// UID FETCH commands in flight per connection.
    public var fetchWindow = 4
    /// Messages (or bytes) per durable local batch: one file-system sync and one transaction.
    public var batchMessages = 250
    public var batchBytes = 32 << 20

    public init(dryRun: Bool = false) {
        self.dryRun = dryRun
    }
}

/// Runs a job: copies the remote account into the local user's mailboxes.
public struct SyncEngine: Sendable {
    public let store: any SyncStore
    public let mail: MailStore
    public var options: SyncOptions
    let logger: Logger

    public init(store: any SyncStore, mail: MailStore, options: SyncOptions = SyncOptions(), logger: Logger = Logger(label: "postino.sync")) {
        self.store = store
        self.mail = mail
        self.options = options
        self.logger = logger
    }

    /// Runs the job to its end and records the run. `progress` sees every counter change;
    /// its second argument names a folder that just ended.
    public func run(_ job: SyncJob, progress: @escaping @Sendable (SyncRunStats, String?) -> Void = { _, _ in })
        async -> SyncRunStats {
        var initial = SyncRunStats(startedAt: Date().timeIntervalSince1970)
        initial.dryRun = options.dryRun
        let store = self.store, user = job.localUser, dryRun = options.dryRun
        let tracker = SyncTracker(stats: initial, report: progress) { stats in
            if !dryRun { try? await store.recordRun(user, stats) }
        }
        if !dryRun { try? await store.recordRun(user, initial) }
        var failure: String?
        do {
            try await runJob(job, tracker: tracker)
        } catch {
            failure = "\(error)"
            logger.error("sync \(user): \(error)")
        }
        var stats = await tracker.stats
        stats.finishedAt = Date().timeIntervalSince1970
        if let failure {
            stats.state = .failed
            stats.error = failure
        } else if !stats.folderErrors.isEmpty {
            stats.state = .failed
            stats.error = "\(stats.folderErrors.count) folder(s) failed: "
                + stats.folderErrors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
        } else {
            stats.state = .finished
        }
        if !dryRun {
            do { try await store.recordRun(user, stats) } catch { logger.error("sync \(user): cannot record the run: \(error)") }
        }
        progress(stats, nil)
        return stats
    }

    func connect(_ job: SyncJob) async throws -> IMAPClient {
        let client = try await IMAPClient.connect(job.connectionSettings)
        do {
            try await client.login(job.credentials)
        } catch {
            await client.close()
            throw error
        }
        return client
    }

    private func runJob(_ job: SyncJob, tracker: SyncTracker) async throws {
        let control = try await connect(job)
        let owner = MailboxOwner.user(job.localUser)
        let mail = self.mail
        let plans: [FolderPlan]
        do {
            let namespaces = try await control.namespace()
            let localMailboxes = try await BlockingIO.run { try mail.mailboxes(owner: owner) }
            var special = FolderMapper.defaultLocalSpecial
            for mailbox in localMailboxes { if let use = mailbox.specialUse { special[use] = mailbox.name } }
            let mapper = FolderMapper(localSpecial: special, namespacePrefix: namespaces.first?.prefix ?? "",
                                      includes: job.includes, excludes: job.excludes)
            plans = mapper.plan(try await control.list())
            let subscribed = Set(try await control.lsub().map { mapper.displayName($0) })
            if !options.dryRun {
                try await BlockingIO.run {
                    for plan in plans {
                        try mail.ensureMailbox(owner: owner, name: plan.localName, specialUse: plan.specialUse)
                        if subscribed.contains(plan.displayName) { try mail.subscribe(user: job.localUser, name: plan.localName) }
                    }
                }
            }
        } catch {
            await control.logout()
            throw error
        }
        let selectable = plans.filter(\.selectable)
        await tracker.update { $0.foldersTotal = selectable.count }
        let queue = FolderQueue(selectable)
        let workers = max(1, min(options.parallelFolders, selectable.count))
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<workers {
                group.addTask {
                    await self.work(job: job, queue: queue, tracker: tracker, client: index == 0 ? control : nil)
                }
            }
        }
    }

    /// One connection working through the folder queue; a broken connection is replaced.
    private func work(job: SyncJob, queue: FolderQueue, tracker: SyncTracker, client initial: IMAPClient?) async {
        var client = initial
        while let plan = await queue.next() {
            do {
                if client == nil { client = try await connect(job) }
                let folder = FolderSync(job: job, plan: plan, client: client!, mail: mail, store: store, tracker: tracker,
                                        options: options)
                try await folder.run()
                await tracker.folderDone(plan.displayName, error: nil)
            } catch {
                logger.warning("sync \(job.localUser): folder \(plan.displayName): \(error)")
                await tracker.folderDone(plan.displayName, error: "\(error)")
                if let mailError = error as? MailClientError, case .commandFailed = mailError {
                    continue
                }
                // The session may be unusable: the next folder gets a new one.
                await client?.close()
                client = nil
            }
        }
        await client?.logout()
    }
}

/// The folders left to do, shared by the workers.
actor FolderQueue {
    private var plans: [FolderPlan]

    init(_ plans: [FolderPlan]) {
        self.plans = plans.reversed()
    }

    func next() -> FolderPlan? { plans.popLast() }
}
