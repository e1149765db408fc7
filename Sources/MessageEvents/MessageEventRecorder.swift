import Foundation

/// Writes message events to their store off the caller's thread: the mail log's handler
/// hands each event over as it writes the line (never blocking an event loop on SQLite),
/// and one thread stores them in batches. A batch the store refuses stays queued and is
/// retried (up to `limit` events, then the oldest are dropped with a warning on stderr:
/// the mail log still has their lines). Also prunes events older than the retention once
/// a day.
public final class MessageEventRecorder: @unchecked Sendable {
    // @unchecked: every mutable field is guarded by `condition`.
    private let store: any MessageEventStore
    private let condition = NSCondition()
    private var pending: [MessageEvent] = []
    private var writing = false
    private var stopped = false
    private var started = false
    private let limit: Int
    private let retentionDays: @Sendable () -> Int
    private var nextPrune = Date.distantPast

    /// `retentionDays` is read at each daily prune (the `log.events_days` setting).
    public init(store: any MessageEventStore, limit: Int = 100_000, retentionDays: @escaping @Sendable () -> Int) {
        self.store = store
        self.limit = limit
        self.retentionDays = retentionDays
    }

    /// Starts the writer thread (a server). Without it, each event is stored as it is recorded (the CLI).
    public func start() {
        condition.lock(); started = true; condition.unlock()
        let thread = Thread { [self] in loop() }
        thread.name = "postino-events"
        thread.start()
    }

    public func record(_ event: MessageEvent) {
        condition.lock()
        guard started else {
            // No writer thread (the CLI): stored now, before the command ends.
            condition.unlock()
            do { try store.record([event]) } catch {
                FileHandle.standardError.write(Data("postino: cannot store the message event of \(event.queueID ?? "-"): \(error)\n".utf8))
            }
            return
        }
        pending.append(event)
        if pending.count > limit {
            pending.removeFirst(pending.count - limit)
            FileHandle.standardError.write(Data("postino: message events dropped (the event store is not writable)\n".utf8))
        }
        condition.signal()
        condition.unlock()
    }

    /// Writes what is pending now, on the caller's thread; waits for the writer thread's
    /// batch in progress. Throws the store's error (the events stay pending).
    public func flush() throws {
        condition.lock()
        while writing { condition.wait() }
        let batch = pending
        pending.removeAll()
        writing = true
        condition.unlock()
        defer { condition.lock(); writing = false; condition.broadcast(); condition.unlock() }
        guard !batch.isEmpty else { return }
        do {
            try store.record(batch)
        } catch {
            condition.lock(); pending.insert(contentsOf: batch, at: 0); condition.unlock()
            throw error
        }
    }

    /// Stops the writer thread after it has written what is pending.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        try? flush()
    }

    private func loop() {
        while true {
            condition.lock()
            while (pending.isEmpty || writing) && !stopped {
                _ = condition.wait(until: Date().addingTimeInterval(60))
                if Date() >= nextPrune { break }
            }
            if stopped { condition.unlock(); return }
            condition.unlock()
            pruneIfDue()
            do {
                try flush()
            } catch {
                FileHandle.standardError.write(Data("postino: cannot store message events, retrying: \(error)\n".utf8))
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    private func pruneIfDue() {
        let now = Date()
        guard now >= nextPrune else { return }
        nextPrune = now.addingTimeInterval(86_400)
        do {
            try store.prune(before: now.addingTimeInterval(-Double(retentionDays()) * 86_400))
        } catch {
            FileHandle.standardError.write(Data("postino: cannot prune message events: \(error)\n".utf8))
            nextPrune = now.addingTimeInterval(3600)
        }
    }
}

/// The recorder as a store: reads first write what is pending, so a trace or the
/// dashboard sees every line already in the mail log.
extension MessageEventRecorder: MessageEventStore {
    public func record(_ events: [MessageEvent]) throws {
        try store.record(events)
    }

    public func queueIDs(matching query: String) throws -> [String] {
        try flush()
        return try store.queueIDs(matching: query)
    }

    public func events(queueIDs: [String], since: Date?) throws -> [MessageEvent] {
        try flush()
        return try store.events(queueIDs: queueIDs, since: since)
    }

    public func hourlyFigures(since: Date) throws -> [HourlyFigures] {
        try flush()
        return try store.hourlyFigures(since: since)
    }

    public func prune(before date: Date) throws -> Int {
        try store.prune(before: date)
    }
}
