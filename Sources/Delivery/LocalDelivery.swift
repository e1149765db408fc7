import Directory
import Durability
import Foundation
import GRDB
import Logging
import MailStore
import Spool

/// Delivers the local deliveries of one spooled message into Maildirs.
///
/// Idempotent: each copy gets a deterministic Maildir name (`Q<queue ID>_<position>`), and
/// a copy whose file is already in its mailbox counts as delivered, so the same message is
/// never stored twice however often a crash interrupts delivery. Files are written
/// first, made durable by the shared sync barrier, then indexed together with the queue
/// rows in one transaction.
struct LocalDelivery: Sendable {
    let spool: Spool
    let store: MailStore
    let directory: DirectoryStore
    let logger: Logger
    /// How long an over-quota delivery waits before the next attempt.
    let quotaRetryDelay: TimeInterval

    struct Copy {
        var position: Int
        var delivery: SpoolDelivery
        var mailbox: Mailbox
        var staged: StagedMessage?
    }

    enum Failure {
        case deferred(String)
        case bounced(String)
    }

    /// Delivers every open local delivery of `queueID`; returns true when the message
    /// has nothing left to do and was removed from the spool.
    func deliver(_ queueID: QueueID) async throws -> Bool {
        guard let queued = try spool.queue.message(queueID) else { return false }
        let envelope = queued.envelope
        let open = queued.deliveries.filter { $0.target.isLocal && !$0.status.isFinal }
        guard !open.isEmpty else { return try await finishIfDone(queueID) }

        let prepared = try await BlockingIO.run { [self] in try prepare(envelope, open) }
        if prepared.copies.contains(where: { $0.staged != nil }) {
            try await store.barrier.sync()
        }
        let now = Date()
        try await BlockingIO.run { [self] in
            try store.database.write { db in
                let staged = prepared.copies.compactMap(\.staged)
                _ = try store.commit(staged, in: db)
                for copy in prepared.copies {
                    try spool.queue.update(queueID, position: copy.position, status: .sent,
                                           reply: "delivered to \(copy.mailbox.owner)/\(copy.mailbox.name)",
                                           notice: envelope.notice(.delivered, forDeliveryAt: copy.position),
                                           attemptAt: now, in: db)
                }
                for (position, failure) in prepared.failures {
                    switch failure {
                    case .deferred(let why):
                        try spool.queue.update(queueID, position: position, status: .deferred, reply: why,
                                               nextAttemptAt: now.addingTimeInterval(quotaRetryDelay), in: db)
                    case .bounced(let why):
                        try spool.queue.update(queueID, position: position, status: .bounced, reply: why,
                                               notice: envelope.notice(.failed, forDeliveryAt: position),
                                               attemptAt: now, in: db)
                    }
                }
            }
        }
        store.changes.changed(Set(prepared.copies.map(\.mailbox.id)))
        log(envelope, prepared, now: now)
        try await BlockingIO.run { [self] in refreshUsageSummaries(prepared.copies) }
        return try await finishIfDone(queueID)
    }

    private struct Prepared {
        var copies: [Copy] = []
        var failures: [(Int, Failure)] = []
    }

    /// Resolves each open delivery to a mailbox, checks quota and writes its file.
    private func prepare(_ envelope: SpoolEnvelope, _ open: [QueuedDelivery]) throws -> Prepared {
        var result = Prepared()
        var bytes: [UInt8]?
        for queued in open {
            let delivery = envelope.deliveries[queued.position]
            let mailbox: Mailbox
            switch delivery.target {
            case .mailbox(let user, _):
                guard try directory.user(named: user) != nil else {
                    result.failures.append((queued.position, .bounced("5.1.1 mailbox \(user) no longer exists")))
                    continue
                }
                if let limit = try directory.effectiveQuota(forUser: user),
                   try store.usage(of: .user(user)).bytes + Int64(envelope.size) > limit {
                    result.failures.append((queued.position, .deferred("4.2.2 mailbox of \(user) is full")))
                    continue
                }
                mailbox = try store.ensureMailbox(owner: .user(user), name: "INBOX")
            case .publicMailbox(let name):
                guard try directory.publicMailbox(named: name) != nil else {
                    result.failures.append((queued.position, .bounced("5.1.1 public mailbox \(name) no longer exists")))
                    continue
                }
                mailbox = try store.ensureMailbox(owner: .publicNamespace, name: name)
            case .remote, .relay:
                continue
            }
            let tag = "Q\(envelope.queueID)_\(queued.position)"
            if bytes == nil { bytes = try spool.readMessage(envelope.queueID) }
            let message = bytes ?? []
            var copy = Copy(position: queued.position, delivery: delivery, mailbox: mailbox)
            let base = store.baseName(for: message, tag: tag, internalDate: envelope.receivedAt)
            if try !store.contains(base: base, in: mailbox) {
                copy.staged = try store.stage(message, into: mailbox, tag: tag, internalDate: envelope.receivedAt)
            }
            result.copies.append(copy)
        }
        return result
    }

    private func log(_ envelope: SpoolEnvelope, _ prepared: Prepared, now: Date) {
        let delay = String(format: "%.2f", now.timeIntervalSince(envelope.receivedAt))
        let metadata: Logger.Metadata = ["qid": "\(envelope.queueID)"]
        for copy in prepared.copies {
            logger.info("to=<\(copy.delivery.recipient ?? "")>, relay=local, delay=\(delay), status=sent (delivered to \(copy.mailbox.owner)/\(copy.mailbox.name))", metadata: metadata)
        }
        for (position, failure) in prepared.failures {
            let recipient = envelope.deliveries[position].recipient ?? ""
            switch failure {
            case .deferred(let why): logger.info("to=<\(recipient)>, relay=local, delay=\(delay), status=deferred (\(why))", metadata: metadata)
            case .bounced(let why): logger.info("to=<\(recipient)>, relay=local, delay=\(delay), status=bounced (\(why))", metadata: metadata)
            }
        }
    }

    /// The directory keeps a usage summary per user for `user list` and the admin UI.
    private func refreshUsageSummaries(_ copies: [Copy]) {
        for user in Set(copies.compactMap { copy -> String? in
            if case .user(let name) = copy.mailbox.owner { return name } else { return nil }
        }) {
            if let usage = try? store.usage(of: .user(user)) { try? directory.setQuotaUsage(user, bytes: usage.bytes) }
        }
    }

    /// Removes the message once every delivery is sent or bounced.
    func finishIfDone(_ queueID: QueueID) async throws -> Bool {
        try await BlockingIO.run { [self] in
            let done = try spool.queue.database.read { db in try spool.queue.isFinished(queueID, in: db) }
            guard done else { return false }
            try spool.remove(queueID)
            logger.info("removed", metadata: ["qid": "\(queueID)"])
            return true
        }
    }
}
