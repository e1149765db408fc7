import Directory
import Foundation
import Intake
import Logging
import MailStore
import SieveStore
import Spool

/// Runs local deliveries: messages handed over by the SMTP server right after they were
/// queued, and, on a timer, deliveries that are due again (over quota, crash recovery).
/// Several deliveries run at once so that their files share sync-barrier rounds (group
/// commit); the same message is never delivered by two tasks at once.
public actor LocalDeliveryAgent {
    private let delivery: LocalDelivery
    private let logger: Logger
    private let maxConcurrent: Int
    private var waiting: [QueueID] = []
    private var queued = Set<QueueID>()
    private var running = Set<QueueID>()
    private var sweeper: Task<Void, Never>?
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// Messages generated at delivery (redirects, vacation replies, notices) enter through
    /// `intake`, whose dispatcher hands them on like any other message. `ledger` records
    /// each try (the index, the queue rows, quota usage) in one unit of work.
    public init(spool: Spool, store: any DeliveryMailStorage, ledger: any LocalDeliveryLedger, directory: any MailDirectory,
                scripts: any SieveScriptStorage, intake: IntakePipeline, logger: Logger, maxConcurrent: Int = 16,
                retry: LocalRetryPolicy = .fromEnvironment()) {
        let runner = SieveRunner(scripts: scripts, store: store, directory: directory, hostname: store.hostName)
        delivery = LocalDelivery(spool: spool, store: store, ledger: ledger, directory: directory, sieve: runner,
                                 submitter: OutgoingSubmitter(intake: intake), logger: logger, retry: retry)
        self.logger = logger
        self.maxConcurrent = maxConcurrent
    }

    /// Delivers a message soon (after the SMTP server queued it).
    public func submit(_ queueID: QueueID) {
        guard !queued.contains(queueID) else { return }
        queued.insert(queueID)
        waiting.append(queueID)
        pump()
    }

    /// Starts the periodic sweep for due local deliveries; the first sweep runs at once
    /// and picks up whatever a crash or restart left in the queue. `interval`: the retry
    /// policy's (30 s, `POSTINO_QUEUE_SWEEP` in tests).
    public func start(interval: Duration? = nil) {
        let interval = interval ?? delivery.retry.sweepInterval
        sweeper?.cancel()
        sweeper = Task { [weak self] in
            while !Task.isCancelled {
                await self?.sweep()
                try? await Task.sleep(for: interval)
            }
        }
    }

    public func stop() async {
        sweeper?.cancel()
        sweeper = nil
        await waitUntilIdle()
    }

    /// Returns when nothing is waiting or running (tests, shutdown).
    public func waitUntilIdle() async {
        if waiting.isEmpty && running.isEmpty { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    public func sweep() {
        let due: [QueueID]
        do {
            due = try delivery.spool.queue.due(kinds: ["mailbox", "public"], now: Date(), limit: 1000)
        } catch {
            logger.error("cannot read the queue for local deliveries: \(error); trying again at the next sweep")
            return
        }
        for id in due { submit(id) }
    }

    private func pump() {
        while running.count < maxConcurrent, let index = waiting.firstIndex(where: { !running.contains($0) }) {
            let id = waiting.remove(at: index)
            running.insert(id)
            Task { await self.run(id) }
        }
        if waiting.isEmpty && running.isEmpty {
            let waiters = idleWaiters
            idleWaiters = []
            for waiter in waiters { waiter.resume() }
        }
    }

    private func run(_ id: QueueID) async {
        do {
            _ = try await delivery.deliver(id)
        } catch {
            // Recorded on the queue rows (attempts, last error, next try on the backoff,
            // a bounce after queue.lifetime) so that `queue list` shows it.
            logger.error("local delivery failed: \(error)", metadata: ["qid": "\(id)"])
            await delivery.recordFailure(id, error)
        }
        running.remove(id)
        queued.remove(id)
        pump()
    }
}
