import Foundation
import Spool

/// What `postino queue …` does, on the spool and queue rows of a data directory. Safe
/// while a server runs on the same data: the server re-reads the rows at every sweep, a
/// removal deletes the envelope file first (from then on the message no longer exists for
/// anyone) and a delivery already under way only finds its rows gone.
public struct QueueManager: Sendable {
    let spool: Spool

    /// The spool of a data directory, with its queue rows (`Administration` opens it on
    /// postino.sqlite).
    public init(spool: Spool) {
        self.spool = spool
    }

    /// Every queued message, oldest first.
    public func list(now: Date = Date()) throws -> [QueueEntry] {
        try spool.queue.messages().map { QueueEntry($0, now: now) }
    }

    /// One message with its deliveries and header section.
    public func show(_ id: String, now: Date = Date()) throws(QueueManagerError) -> QueueEntryDetail {
        let queued = try lookUp(id)
        // Display only: a message file that cannot be read shows an empty header.
        let header = (try? spool.readMessage(queued.queueID)).map { String(decoding: DSNBuilder.header(of: $0), as: UTF8.self) }
        return QueueEntryDetail(entry: QueueEntry(queued, now: now), header: header ?? "")
    }

    /// Makes every open delivery of the message due now.
    public func resend(_ id: String) throws(QueueManagerError) {
        let queued = try lookUp(id)
        do {
            _ = try spool.queue.makeDue(queued.queueID)
        } catch {
            throw .storage("\(error)")
        }
    }

    /// `resend` for every message; returns how many had open deliveries.
    public func resendAll() throws(QueueManagerError) -> Int {
        do {
            return try spool.queue.allQueueIDs().reduce(0) { count, id in try spool.queue.makeDue(id) ? count + 1 : count }
        } catch {
            throw .storage("\(error)")
        }
    }

    /// Removes the message, its files and rows, without any notice to the sender.
    public func delete(_ id: String) throws(QueueManagerError) {
        let queued = try lookUp(id)
        do {
            try spool.remove(queued.queueID)
        } catch {
            throw .storage("\(error)")
        }
    }

    public func deleteAll() throws(QueueManagerError) -> Int {
        do {
            let ids = try spool.queue.allQueueIDs()
            for id in ids { try spool.remove(id) }
            return ids.count
        } catch {
            throw .storage("\(error)")
        }
    }

    /// The queue's length and size over the last hour (one sample every 10 s while a
    /// server runs), oldest first, and the values now.
    public func stats() throws -> (samples: [QueueSample], current: QueueSample) {
        (try spool.queue.samples(), try spool.queue.currentSize())
    }

    private func lookUp(_ id: String) throws(QueueManagerError) -> QueuedMessage {
        guard let queueID = QueueID(id.uppercased()) else { throw .invalidID(id) }
        let found: QueuedMessage?
        do {
            found = try spool.queue.message(queueID)
        } catch {
            throw .storage("\(error)")
        }
        guard let found else { throw .notFound(id) }
        return found
    }
}

public enum QueueManagerError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidID(String)
    case notFound(String)
    case storage(String)

    public var description: String {
        switch self {
        case .invalidID(let id): return "\"\(id)\" is not a queue ID"
        case .notFound(let id): return "no message \(id.uppercased()) in the queue"
        case .storage(let why): return "queue error: \(why)"
        }
    }
}

/// One line of `postino queue list`.
public struct QueueEntry: Sendable, Hashable {
    public var queueID: String
    public var sender: String
    /// The recipients still to do (all recipients once none is open).
    public var recipients: [String]
    public var size: Int
    public var arrival: Date
    /// Seconds since arrival.
    public var age: Int
    /// The most tries of any open delivery.
    public var attempts: Int
    /// The last reply of a deferred or bounced delivery.
    public var lastError: String?
    public var deliveries: [QueueDeliveryEntry]

    init(_ queued: QueuedMessage, now: Date) {
        let envelope = queued.envelope
        queueID = envelope.queueID.rawValue
        sender = envelope.sender
        let open = queued.open
        let shown = open.isEmpty ? queued.deliveries : open
        recipients = shown.map { QueueDeliveryEntry.address(of: $0, envelope) }
        size = envelope.size
        arrival = envelope.receivedAt
        age = max(0, Int(now.timeIntervalSince(envelope.receivedAt)))
        attempts = open.map(\.attempts).max() ?? queued.deliveries.map(\.attempts).max() ?? 0
        lastError = queued.deliveries.filter { $0.status == .deferred || $0.status == .bounced }
            .sorted { ($0.lastAttemptAt ?? .distantPast) < ($1.lastAttemptAt ?? .distantPast) }
            .last?.lastReply
        deliveries = queued.deliveries.map { QueueDeliveryEntry($0, envelope) }
    }
}

/// One delivery of a queued message.
public struct QueueDeliveryEntry: Sendable, Hashable {
    public var recipient: String
    /// Where it goes: `local`, `remote` or `relay HOST:PORT`.
    public var route: String
    /// pending, deferred, sent, bounced.
    public var status: String
    public var attempts: Int
    public var nextAttempt: Date?
    public var lastReply: String?

    init(_ row: QueuedDelivery, _ envelope: SpoolEnvelope) {
        recipient = Self.address(of: row, envelope)
        switch row.target {
        case .mailbox, .publicMailbox: route = "local"
        case .remote: route = "remote"
        case let .relay(_, host, port, _): route = "relay \(host):\(port)"
        }
        status = row.status.rawValue
        attempts = row.attempts
        nextAttempt = row.status.isFinal ? nil : row.nextAttemptAt
        lastReply = row.lastReply
    }

    static func address(of row: QueuedDelivery, _ envelope: SpoolEnvelope) -> String {
        if let recipient = row.recipient { return recipient }
        switch row.target {
        case .remote(let address), .relay(let address, _, _, _): return address
        case .mailbox(let user, _): return "(copy to \(user))"
        case .publicMailbox(let name): return "(copy to public \(name))"
        }
    }
}

/// `postino queue show`.
public struct QueueEntryDetail: Sendable, Hashable {
    public var entry: QueueEntry
    /// The message's header section as stored.
    public var header: String
}
