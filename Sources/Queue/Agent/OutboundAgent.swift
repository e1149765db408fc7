import Directory
import Durability
import Foundation
import Intake
import Logging
import SMTPProtocol
import Spool

/// Delivers the queue's remote and relay deliveries.
///
/// A sweep (on a timer, and when woken after new mail was queued) reads the due rows,
/// groups each message's deliveries by destination — a relay domain's host, the sender's
/// relay host rule or the smarthost, else the recipient domain's mail exchangers — and
/// hands them to destination workers. A worker resolves the destination, connects to its
/// hosts in order and sends message after message over the connection. Results go to the
/// rows before anything else happens, so a crash never causes a second delivery of what
/// was reported delivered; notices (DSNs) and removal follow.
///
/// The agent reads everything from the database at each sweep, so `postino queue resend`
/// and `queue delete` from another process take effect at the next sweep.
public actor OutboundAgent {
    private let spool: Spool
    private let directory: any MailDirectory
    private let relays: any RelayRuleStore
    private let dns: any MailDNS
    private let transport: any SMTPTransport
    private let configuration: OutboundConfiguration
    private let logger: Logger
    private let recorder: DeliveryRecorder
    private let notices: NoticeSender

    /// Work waiting per destination, oldest first.
    private var pending: [Destination: [WorkItem]] = [:]
    private var activeWorkers: [Destination: Int] = [:]
    private var totalWorkers = 0
    /// The spool, for workers reading message files (immutable, so no actor hop).
    nonisolated var spoolForWorkers: Spool { spool }
    /// Deliveries picked and not yet recorded: never picked twice.
    private var inFlight = Set<DeliveryKey>()
    /// Messages whose notices are being sent.
    private var noticesInProgress = Set<QueueID>()
    private var settings: OutboundSettings?
    private var sweeper: Task<Void, Never>?
    private var sampler: Task<Void, Never>?
    private var sweepRequested = false
    private var sweeping = false
    private var stopped = false
    private var idleWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiterID = 0

    struct DeliveryKey: Hashable {
        var queueID: QueueID
        var position: Int
    }

    /// - Parameter relays: the relay host rules, read at every sweep.
    /// - Parameter intake: where notices (DSNs) generated here enter; its dispatcher hands
    ///   them to local delivery or back to this agent.
    public init(spool: Spool, directory: any MailDirectory, relays: any RelayRuleStore, dns: any MailDNS,
                transport: any SMTPTransport, configuration: OutboundConfiguration = OutboundConfiguration(),
                logger: Logger, intake: IntakePipeline) throws {
        self.spool = spool
        self.directory = directory
        self.relays = relays
        self.dns = dns
        self.transport = transport
        self.configuration = configuration
        self.logger = logger
        recorder = DeliveryRecorder(spool: spool, logger: logger)
        notices = NoticeSender(spool: spool, intake: intake, builder: DSNBuilder(), logger: logger)
    }

    // MARK: Lifecycle

    /// Starts the periodic sweep (the first at once: it picks up what a restart left) and
    /// the queue samples.
    public func start() {
        stopped = false
        sweeper?.cancel()
        let interval = configuration.sweepInterval
        sweeper = Task { [weak self] in
            while !Task.isCancelled {
                await self?.sweep()
                try? await Task.sleep(for: interval)
            }
        }
        sampler?.cancel()
        let sampleInterval = configuration.sampleInterval
        sampler = Task { [weak self] in
            while !Task.isCancelled {
                await self?.sample()
                try? await Task.sleep(for: sampleInterval)
            }
        }
    }

    /// Stops sweeping and waits (at most `grace`) for the workers to finish what they
    /// hold; a delivery cut short is simply tried again after the restart.
    public func stop(grace: Duration = .seconds(10)) async {
        stopped = true
        sweeper?.cancel()
        sampler?.cancel()
        sweeper = nil
        sampler = nil
        // Work not yet started stays in the queue for the next start.
        for (_, items) in pending {
            for item in items { release(item) }
        }
        pending = [:]
        await waitUntilIdle(timeout: grace)
    }

    /// New remote deliveries were queued: sweep soon.
    public func wake() {
        guard !stopped else { return }
        Task { await self.sweep() }
    }

    /// Returns when no worker runs and nothing waits (tests, shutdown), or after `timeout`.
    public func waitUntilIdle(timeout: Duration? = nil) async {
        if totalWorkers == 0 && pending.isEmpty && !sweeping { return }
        let id = nextWaiterID
        nextWaiterID += 1
        await withCheckedContinuation { continuation in
            idleWaiters[id] = continuation
            if let timeout {
                Task {
                    try? await Task.sleep(for: timeout)
                    self.resumeWaiter(id)
                }
            }
        }
    }

    private func resumeWaiter(_ id: Int) {
        idleWaiters.removeValue(forKey: id)?.resume()
    }

    // MARK: Sweep

    /// Reads the queue: due deliveries become work, pending notices are sent, finished
    /// messages removed.
    public func sweep() async {
        guard !stopped else { return }
        if sweeping {
            sweepRequested = true
            return
        }
        sweeping = true
        repeat {
            sweepRequested = false
            await sweepOnce()
        } while sweepRequested && !stopped
        sweeping = false
        pump()
    }

    private func sweepOnce() async {
        let directory = self.directory, relays = self.relays, configuration = self.configuration, spool = self.spool
        let loaded: (OutboundSettings, [QueuedMessage], [QueueID], [QueueID])
        do {
            loaded = try await BlockingIO.run {
                let settings = try OutboundSettings.load(directory, relays: relays, configuration: configuration)
                let due = try spool.queue.due(kinds: ["remote", "relay"], now: Date(), limit: 1000)
                let messages = try due.compactMap { try spool.queue.message($0) }
                return (settings, messages, try spool.queue.queueIDsWithNotices(), try spool.queue.finishedQueueIDs())
            }
        } catch {
            logger.error("cannot read the queue: \(error)")
            return
        }
        let (settings, messages, withNotices, finished) = loaded
        self.settings = settings
        let now = Date()
        for queued in messages {
            schedule(queued, settings: settings, now: now)
        }
        pump()
        for id in withNotices + finished where !isBusy(id) {
            await sendNotices(id)
        }
    }

    /// Turns a message's due remote deliveries into work items, one per destination.
    private func schedule(_ queued: QueuedMessage, settings: OutboundSettings, now: Date) {
        var byDestination: [Destination: [QueuedDelivery]] = [:]
        var order: [Destination] = []
        var unroutable: [QueuedDelivery] = []
        for row in queued.deliveries where !row.target.isLocal && !row.status.isFinal && row.nextAttemptAt <= now {
            let key = DeliveryKey(queueID: queued.queueID, position: row.position)
            guard !inFlight.contains(key) else { continue }
            guard let destination = Destination.of(row.target, sender: queued.envelope.sender, rules: settings.rules) else {
                unroutable.append(row)
                continue
            }
            if byDestination[destination] == nil { order.append(destination) }
            byDestination[destination, default: []].append(row)
        }
        for destination in order {
            let rows = byDestination[destination] ?? []
            let item = WorkItem(envelope: queued.envelope, positions: rows.map(\.position), destination: destination,
                                rows: Dictionary(uniqueKeysWithValues: rows.map { ($0.position, $0) }))
            for row in rows { inFlight.insert(DeliveryKey(queueID: queued.queueID, position: row.position)) }
            pending[destination, default: []].append(item)
        }
        if !unroutable.isEmpty {
            let item = WorkItem(envelope: queued.envelope, positions: unroutable.map(\.position), destination: .domain(""),
                                rows: Dictionary(uniqueKeysWithValues: unroutable.map { ($0.position, $0) }))
            for row in unroutable { inFlight.insert(DeliveryKey(queueID: queued.queueID, position: row.position)) }
            let attempts = unroutable.map {
                DeliveryAttempt(position: $0.position, outcome: .failed, reply: "553 5.1.3 Invalid recipient address",
                                remoteMTA: nil, relay: "none", serverSupportsDSN: false)
            }
            Task { await self.complete(item, attempts) }
        }
    }

    private func isBusy(_ queueID: QueueID) -> Bool {
        noticesInProgress.contains(queueID) || inFlight.contains { $0.queueID == queueID }
    }

    // MARK: Workers

    /// Starts workers for waiting destinations within the limits.
    private func pump() {
        guard !stopped else { return }
        for (destination, items) in pending where !items.isEmpty {
            // One connection per `messagesPerConnectionShare` waiting messages, so that a few
            // messages share one connection and a long queue gets several.
            let share = configuration.messagesPerConnectionShare
            let wanted = min(configuration.maximumConnectionsPerDestination, (items.count + share - 1) / share)
            var running = activeWorkers[destination] ?? 0
            while running < wanted && totalWorkers < configuration.maximumConnections {
                running += 1
                totalWorkers += 1
                activeWorkers[destination] = running
                Task { await self.runWorker(destination) }
            }
        }
        resumeIdleWaitersIfIdle()
    }

    private func resumeIdleWaitersIfIdle() {
        guard totalWorkers == 0 && pending.values.allSatisfy(\.isEmpty) && !sweeping else { return }
        pending = [:]
        let waiters = idleWaiters.values
        idleWaiters = [:]
        for waiter in waiters { waiter.resume() }
    }

    /// The next item for a worker of `destination`, nil when none is left.
    func nextItem(for destination: Destination) -> WorkItem? {
        guard !stopped, var items = pending[destination], !items.isEmpty else { return nil }
        let item = items.removeFirst()
        pending[destination] = items.isEmpty ? nil : items
        return item
    }

    /// Every item still waiting for `destination` (when it cannot be reached at all).
    func takeAll(for destination: Destination) -> [WorkItem] {
        let items = pending[destination] ?? []
        pending[destination] = nil
        return items
    }

    private func workerFinished(_ destination: Destination) {
        totalWorkers -= 1
        let remaining = (activeWorkers[destination] ?? 1) - 1
        activeWorkers[destination] = remaining > 0 ? remaining : nil
        pump()
    }

    private func runWorker(_ destination: Destination) async {
        if let settings {
            let worker = DestinationWorker(agent: self, destination: destination, settings: settings,
                                           resolver: HostResolver(dns: dns, ownHostname: settings.hostname),
                                           transport: transport, configuration: configuration, logger: logger)
            await worker.run()
        }
        workerFinished(destination)
    }

    /// Records a finished item, then sends its notices and removes the message if done.
    func complete(_ item: WorkItem, _ attempts: [DeliveryAttempt]) async {
        let schedule = settings?.schedule ?? RetrySchedule()
        await recorder.record(item, attempts, schedule: schedule)
        release(item)
        await sendNotices(item.queueID)
    }

    private func release(_ item: WorkItem) {
        for position in item.positions { inFlight.remove(DeliveryKey(queueID: item.queueID, position: position)) }
    }

    private func sendNotices(_ queueID: QueueID) async {
        guard !noticesInProgress.contains(queueID), !inFlight.contains(where: { $0.queueID == queueID }) else { return }
        noticesInProgress.insert(queueID)
        let hostname = settings?.hostname ?? "localhost"
        _ = await notices.process(queueID, reportingMTA: hostname, schedule: settings?.schedule ?? RetrySchedule())
        noticesInProgress.remove(queueID)
    }

    // MARK: Samples

    private func sample() async {
        let spool = self.spool, keep = configuration.sampleRetention
        do {
            try await BlockingIO.run { try spool.queue.recordSample(keep: keep) }
        } catch {
            logger.error("cannot record a queue sample: \(error)")
        }
    }
}
