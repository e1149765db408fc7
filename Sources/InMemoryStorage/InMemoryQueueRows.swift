import Foundation
import Spool
import Synchronization

/// `QueueRowStore` kept in memory, for unit tests of the spool, delivery and the agents:
/// the rules of the SQLite rows (idempotent insert, due and notice selection, what
/// "finished" means, samples) without a database. Each call is atomic under one lock.
public final class InMemoryQueueRows: QueueRowStore {
    struct Message {
        var envelope: SpoolEnvelope
        var deliveries: [QueuedDelivery]
    }

    struct State {
        var messages: [QueueID: Message] = [:]
        var samples: [Date: QueueSample] = [:]
    }

    let state = Mutex(State())

    public init() {}

    public func insert(_ envelope: SpoolEnvelope) throws {
        state.withLock { state in
            guard state.messages[envelope.queueID] == nil else { return }
            let deliveries = envelope.deliveries.enumerated().map { position, delivery in
                QueuedDelivery(queueID: envelope.queueID, position: position, recipient: delivery.recipient, target: delivery.target,
                               status: .pending, attempts: 0, nextAttemptAt: envelope.receivedAt, lastReply: nil, notice: nil,
                               delayNotified: false, remoteMTA: nil, lastAttemptAt: nil)
            }
            state.messages[envelope.queueID] = Message(envelope: envelope, deliveries: deliveries)
        }
    }

    public func delete(_ queueID: QueueID) throws {
        state.withLock { $0.messages[queueID] = nil }
    }

    public func allQueueIDs() throws -> [QueueID] {
        state.withLock { Self.ordered($0.messages.keys) }
    }

    public func due(kinds: [String], now: Date, limit: Int) throws -> [QueueID] {
        state.withLock { state in
            Array(Self.ordered(state.messages.filter { _, message in
                message.deliveries.contains { Self.isWaiting($0, kinds) && $0.nextAttemptAt <= now }
            }.keys).prefix(limit))
        }
    }

    public func nextDue(kinds: [String]) throws -> Date? {
        state.withLock { state in
            state.messages.values.flatMap(\.deliveries).filter { Self.isWaiting($0, kinds) }.map(\.nextAttemptAt).min()
        }
    }

    public func message(_ queueID: QueueID) throws -> QueuedMessage? {
        state.withLock { state in state.messages[queueID].map { QueuedMessage(envelope: $0.envelope, deliveries: $0.deliveries) } }
    }

    public func messages() throws -> [QueuedMessage] {
        state.withLock { state in
            state.messages.values.sorted { ($0.envelope.receivedAt, $0.envelope.queueID.rawValue) < ($1.envelope.receivedAt, $1.envelope.queueID.rawValue) }
                .map { QueuedMessage(envelope: $0.envelope, deliveries: $0.deliveries) }
        }
    }

    public func makeDue(_ queueID: QueueID, now: Date) throws -> Bool {
        state.withLock { state in
            guard var message = state.messages[queueID] else { return false }
            var changed = false
            for index in message.deliveries.indices where !message.deliveries[index].status.isFinal {
                message.deliveries[index].nextAttemptAt = now
                changed = true
            }
            state.messages[queueID] = message
            return changed
        }
    }

    public func apply(_ updates: [QueueRowUpdate]) throws {
        state.withLock { state in
            for change in updates {
                guard let index = state.messages[change.queueID]?.deliveries.firstIndex(where: { $0.position == change.position }) else { continue }
                state.messages[change.queueID]!.deliveries[index].apply(change)
            }
        }
    }

    public func isFinished(_ queueID: QueueID) throws -> Bool {
        state.withLock { state in state.messages[queueID].map(Self.isFinished) ?? true }
    }

    public func isQueuedAndFinished(_ queueID: QueueID) throws -> Bool {
        state.withLock { state in state.messages[queueID].map(Self.isFinished) ?? false }
    }

    public func clearNotices(_ queueID: QueueID, positions: [Int]) throws {
        state.withLock { state in
            guard var message = state.messages[queueID] else { return }
            for index in message.deliveries.indices where positions.contains(message.deliveries[index].position) {
                message.deliveries[index].notice = nil
            }
            state.messages[queueID] = message
        }
    }

    public func queueIDsWithNotices(limit: Int) throws -> [QueueID] {
        state.withLock { state in
            Array(Self.ordered(state.messages.filter { $0.value.deliveries.contains { $0.notice != nil } }.keys).prefix(limit))
        }
    }

    public func finishedQueueIDs(limit: Int) throws -> [QueueID] {
        state.withLock { state in Array(Self.ordered(state.messages.filter { Self.isFinished($0.value) }.keys).prefix(limit)) }
    }

    public func recordSample(now: Date, keep: TimeInterval) throws {
        state.withLock { state in
            state.samples[now] = Self.size(state, at: now)
            state.samples = state.samples.filter { $0.key >= now.addingTimeInterval(-keep) }
        }
    }

    public func samples() throws -> [QueueSample] {
        state.withLock { $0.samples.values.sorted { $0.at < $1.at } }
    }

    public func currentSize() throws -> QueueSample {
        state.withLock { Self.size($0, at: Date()) }
    }

    // MARK: Rules shared with the SQL

    /// Open: pending or deferred (retried at `nextAttemptAt`).
    static func isWaiting(_ delivery: QueuedDelivery, _ kinds: [String]) -> Bool {
        !delivery.status.isFinal && kinds.contains(delivery.target.kind)
    }

    /// No delivery left to do and no notice left to send.
    static func isFinished(_ message: Message) -> Bool {
        message.deliveries.allSatisfy { $0.status.isFinal && $0.notice == nil }
    }

    static func ordered(_ ids: some Sequence<QueueID>) -> [QueueID] {
        ids.sorted { $0.rawValue < $1.rawValue }
    }

    static func size(_ state: State, at date: Date) -> QueueSample {
        QueueSample(at: date, messages: state.messages.count,
                    bytes: state.messages.values.reduce(0) { $0 + Int64($1.envelope.size) })
    }
}

extension QueuedDelivery {
    /// What the SQL `UPDATE` of `QueueStore.update` does to the row.
    mutating func apply(_ change: QueueRowUpdate) {
        status = change.status
        lastReply = change.reply
        if change.countAttempt { attempts += 1 }
        if let next = change.nextAttemptAt { nextAttemptAt = next }
        if let notice = change.notice { self.notice = notice }
        remoteMTA = change.remoteMTA
        if let at = change.attemptAt { lastAttemptAt = at }
        if let notified = change.delayNotified { delayNotified = notified }
    }
}
