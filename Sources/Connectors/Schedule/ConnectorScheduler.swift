import Foundation
import Logging
import ServiceLifecycle

/// The fetchers as one service of `serve`'s ServiceGroup: every few seconds it reads the
/// accounts (so what the CLI adds or changes is picked up without a restart), starts the
/// enabled ones that are due — at most `maxParallel` at once — and, for IMAP accounts
/// whose server offers IDLE, keeps a watcher that runs the account as soon as mail comes.
/// Graceful shutdown lets running fetches finish their current message (each message is
/// committed or forgotten as a unit; an interruption is recovered by the next run).
public actor ConnectorScheduler: Service {
    let store: any ConnectorStore
    let fetcher: ConnectorFetcher
    let maxParallel: @Sendable () -> Int
    let tick: Duration
    let logger: Logger
    private var running: Set<String> = []
    private var wanted: Set<String> = []
    private var jitter: [String: Double] = [:]
    private var watchers: [String: (account: ConnectorAccount, task: Task<Void, Never>)] = [:]
    private var tasks: [String: Task<Void, Never>] = [:]

    public init(store: any ConnectorStore, fetcher: ConnectorFetcher, maxParallel: @escaping @Sendable () -> Int,
                tick: Duration = .seconds(5), logger: Logger) {
        self.store = store
        self.fetcher = fetcher
        self.maxParallel = maxParallel
        self.tick = tick
        self.logger = logger
    }

    public func run() async throws {
        // Graceful shutdown cancels the loop (and its sleep) at once.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.sweep()
                try? await Task.sleep(for: self.tick)
            }
        }
        stopAll()
        for task in tasks.values { await task.value }
    }

    /// Starts the runs that are due (and those a watcher asked for).
    func sweep() async {
        let accounts: [ConnectorAccount]
        do {
            accounts = try await store.accounts()
        } catch {
            logger.error("connectors: cannot read the accounts: \(error)")
            return
        }
        updateWatchers(accounts)
        let now = Date()
        let limit = max(1, maxParallel())
        for account in accounts where account.enabled && !running.contains(account.email) {
            guard running.count < limit else { break }
            let status: ConnectorStatus
            do { status = try await store.status(account.email) } catch { continue }
            let spread = jitter[account.email] ?? Double.random(in: -1...1)
            jitter[account.email] = spread
            let due = wanted.contains(account.email) ||
                ConnectorSchedule.isDue(lastRun: status.lastRun, interval: account.interval, failures: status.failures,
                                        jitter: spread, now: now)
            guard due else { continue }
            wanted.remove(account.email)
            start(account)
        }
    }

    private func start(_ account: ConnectorAccount) {
        running.insert(account.email)
        let task = Task {
            _ = await self.fetcher.run(account)
            self.finished(account.email)
        }
        tasks[account.email] = task
    }

    private func finished(_ email: String) {
        running.remove(email)
        tasks[email] = nil
        jitter[email] = Double.random(in: -1...1)
    }

    /// A watcher saw new mail: run the account now (or right after its current run).
    func wake(_ email: String) async {
        wanted.insert(email)
        await sweep()
    }

    // MARK: IMAP IDLE watchers

    private func updateWatchers(_ accounts: [ConnectorAccount]) {
        let idle = Dictionary(accounts.filter { $0.enabled && $0.remoteProtocol == .imap }.map { ($0.email, $0) },
                              uniquingKeysWith: { a, _ in a })
        for (email, watcher) in watchers where idle[email] != watcher.account {
            watcher.task.cancel()
            watchers[email] = nil
        }
        for (email, account) in idle where watchers[email] == nil {
            let logger = self.logger
            let task = Task {
                await IdleWatcher(account: account, logger: logger).watch {
                    await self.wake(email)
                }
            }
            watchers[email] = (account, task)
        }
    }

    /// Shutdown: fetches stop after the message in hand, watchers at once.
    private func stopAll() {
        for task in tasks.values { task.cancel() }
        stopWatchers()
    }

    private func stopWatchers() {
        for watcher in watchers.values { watcher.task.cancel() }
        watchers = [:]
    }
}
