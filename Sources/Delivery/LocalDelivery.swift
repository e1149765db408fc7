import Directory
import Durability
import Foundation
import GRDB
import Logging
import MailStore
import SieveStore
import Spool

/// Delivers the local deliveries of one spooled message into Maildirs, through Sieve.
///
/// Idempotent: each stored copy gets a deterministic Maildir name (`Q<queue ID>_<delivery>`,
/// then `_1`, `_2`… for further Sieve `fileinto`s), and a delivery whose first copy is
/// already stored counts as done, so a message is never stored twice however often a
/// crash interrupts delivery. Files are written first, made durable by the shared sync
/// barrier, then indexed together with the queue rows in one transaction.
struct LocalDelivery: Sendable {
    let spool: Spool
    let store: MailStore
    let directory: DirectoryStore
    let sieve: SieveRunner
    let submitter: OutgoingSubmitter
    let logger: Logger
    /// How long an over-quota delivery waits before the next attempt.
    let quotaRetryDelay: TimeInterval

    /// What happened to one delivery unit.
    struct Copy {
        var position: Int
        var delivery: SpoolDelivery
        var staged: [StagedMessage] = []
        var mailboxes: [Mailbox] = []
        var outgoing: [OutgoingMessage] = []
        var plan: SievePlan?
    }

    enum Failure {
        case deferred(String)
        case bounced(String)
    }

    /// Delivers every open local delivery of `queueID`; returns true when the message has
    /// nothing left to do and was removed from the spool.
    func deliver(_ queueID: QueueID) async throws -> Bool {
        guard let queued = try spool.queue.message(queueID) else { return false }
        let envelope = queued.envelope
        let open = queued.deliveries.filter { $0.target.isLocal && !$0.status.isFinal }
        guard !open.isEmpty else { return try await finishIfDone(queueID) }

        let prepared = try await BlockingIO.run { [self] in try prepare(envelope, open) }
        if prepared.copies.contains(where: { !$0.staged.isEmpty }) {
            try await store.barrier.sync()
        }
        // Redirects and replies are queued before the delivery counts as done: after a
        // crash they may be sent twice, never lost.
        for copy in prepared.copies {
            for message in copy.outgoing {
                if let queued = try await submitter.submit(message, hopCount: envelope.hopCount + 1) {
                    logger.info("\(message.kind.rawValue) to=<\(message.recipient)> queued as \(queued.queueID)",
                                metadata: ["qid": "\(envelope.queueID)"])
                }
            }
        }
        let now = Date()
        // One transaction indexes the copies, records the outcomes and the owners' quota
        // usage, and forgets the message when nothing is left to do (its file goes after).
        let finished = try await BlockingIO.run { [self] in
            try store.database.write { db -> Bool in
                _ = try store.commit(prepared.copies.flatMap(\.staged), in: db)
                for copy in prepared.copies {
                    let places = copy.mailboxes.map { "\($0.owner)/\($0.name)" }.joined(separator: ", ")
                    try spool.queue.update(queueID, position: copy.position, status: .sent,
                                           reply: places.isEmpty ? "handled by Sieve" : "delivered to \(places)",
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
                for user in Self.users(owning: prepared.copies) {
                    try DirectoryStore.recordQuotaUsage(user, bytes: MailStore.usage(of: .user(user), in: db).bytes, in: db)
                }
                guard try spool.queue.isFinished(queueID, in: db) else { return false }
                try spool.forget(queueID, in: db)
                return true
            }
        }
        store.changes.changed(Set(prepared.copies.flatMap { $0.mailboxes.map(\.id) }))
        recordSieveBookkeeping(prepared.copies)
        log(envelope, prepared, now: now)
        if finished {
            try? await BlockingIO.run { [self] in try spool.removeFile(queueID) }
            logger.info("removed", metadata: ["qid": "\(queueID)"])
        }
        return finished
    }

    private struct Prepared {
        var copies: [Copy] = []
        var failures: [(Int, Failure)] = []
    }

    /// Resolves each open delivery to its mailboxes, checks quota, runs Sieve, writes files.
    private func prepare(_ envelope: SpoolEnvelope, _ open: [QueuedDelivery]) throws -> Prepared {
        var result = Prepared()
        let bytes = try spool.readMessage(envelope.queueID)
        let spooled = spool.messagePath(envelope.queueID)
        for queued in open {
            let delivery = envelope.deliveries[queued.position]
            let tag = "Q\(envelope.queueID)_\(queued.position)"
            var copy = Copy(position: queued.position, delivery: delivery)
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
                if let done = try store.mailbox(holding: store.baseName(for: bytes, tag: tag, internalDate: envelope.receivedAt),
                                                owner: .user(user)) {
                    copy.mailboxes = [done]  // stored before a crash: nothing more to do
                } else {
                    let plan = sieve.plan(SieveRunner.Input(
                        user: user, bytes: bytes, envelopeFrom: envelope.sender,
                        envelopeTo: delivery.recipient ?? user, hopCount: envelope.hopCount))
                    // Unchanged by Sieve (the usual case): link the spooled file.
                    try stage(plan, for: user, tag: tag, envelope: envelope,
                              source: plan.bytes == bytes ? spooled : nil, into: &copy)
                }
            case .publicMailbox(let name):
                guard try directory.publicMailbox(named: name) != nil else {
                    result.failures.append((queued.position, .bounced("5.1.1 public mailbox \(name) no longer exists")))
                    continue
                }
                let mailbox = try store.ensureMailbox(owner: .publicNamespace, name: name)
                copy.mailboxes = [mailbox]
                if try !store.contains(base: store.baseName(for: bytes, tag: tag, internalDate: envelope.receivedAt), in: mailbox) {
                    copy.staged = [try store.stage(bytes, into: mailbox, tag: tag, internalDate: envelope.receivedAt,
                                                   linking: spooled)]
                }
            case .remote, .relay:
                continue
            }
            result.copies.append(copy)
        }
        return result
    }

    /// Writes the copies a Sieve plan asks for: `fileinto` an unknown folder goes to INBOX
    /// unless `:create` (RFC 5490); a script error or a failed action is reported to the
    /// user once.
    private func stage(_ plan: SievePlan, for user: String, tag: String, envelope: SpoolEnvelope, source: String?,
                       into copy: inout Copy) throws {
        copy.plan = plan
        copy.outgoing = plan.outgoing
        for warning in plan.warnings {
            logger.info("sieve: \(user): warning: \(warning)", metadata: ["qid": "\(envelope.queueID)"])
        }
        var errors = plan.error.map { [$0] } ?? []
        let targets = try destinations(plan.stores, owner: .user(user), errors: &errors)
        for (index, target) in targets.enumerated() {
            copy.staged.append(try store.stage(plan.bytes, into: target.mailbox, tag: index == 0 ? tag : "\(tag)_\(index)",
                                               internalDate: envelope.receivedAt, flags: target.flags,
                                               keywords: target.keywords, linking: source))
            copy.mailboxes.append(target.mailbox)
        }
        if !errors.isEmpty {
            let error = errors.joined(separator: "; ")
            logger.warning("sieve: \(user): \(error); message kept in INBOX", metadata: ["qid": "\(envelope.queueID)"])
            let script = sieve.scripts.activeScript(user)?.source ?? ""
            let version = StableHash.hex(script + "\u{0}" + error)
            if (try? sieve.scripts.tracking.markErrorNotified(user: user, scriptHash: version)) == true {
                let inbox = try store.ensureMailbox(owner: .user(user), name: "INBOX")
                copy.staged.append(try store.stage(AutomaticReplies.scriptErrorNotice(user: user, error: error, hostname: store.hostName),
                                                   into: inbox))
                copy.mailboxes.append(inbox)
            }
        }
    }

    /// The mailboxes the plan's stores go to, one copy per mailbox with the flags of all
    /// that name it (RFC 5228 §2.10.3: "Implementations SHOULD NOT deliver a message to the
    /// same mailbox more than once"). A `fileinto :create` whose name IMAP CREATE would
    /// refuse (`SieveMailboxName`) or that the store cannot create fails: the message takes
    /// the implicit keep into INBOX instead and the failure joins `errors` for the user's
    /// notice (RFC 5228 §2.10.6: "implementations MUST notify the user that an error
    /// occurred and which actions (if any) were taken, and do an implicit keep").
    private func destinations(_ stores: [SievePlan.Store], owner: MailboxOwner,
                              errors: inout [String]) throws -> [(mailbox: Mailbox, flags: MessageFlags, keywords: [String])] {
        var result: [(mailbox: Mailbox, flags: MessageFlags, keywords: [String])] = []
        for target in stores {
            var flags = target.flags, keywords = target.keywords
            var mailbox = try store.mailbox(owner: owner, name: target.folder)
            if mailbox == nil, target.create {
                var failure = SieveMailboxName.problem(target.folder, owner: owner)
                if failure == nil {
                    do {
                        mailbox = try store.createMailbox(owner: owner, name: target.folder)
                    } catch MailboxError.alreadyExists {
                        mailbox = try store.mailbox(owner: owner, name: target.folder)
                    } catch let error as MailboxError {
                        failure = error.description
                    }
                }
                if let failure {
                    errors.append("fileinto :create \"\(target.folder)\" failed: \(failure)")
                    (flags, keywords) = ([], [])  // the implicit keep stores the message as it came
                }
            }
            let destination = try mailbox ?? store.ensureMailbox(owner: owner, name: "INBOX")
            if let same = result.firstIndex(where: { $0.mailbox.id == destination.id }) {
                result[same].flags.formUnion(flags)
                let known = Set(result[same].keywords.map { $0.lowercased() })
                result[same].keywords += keywords.filter { !known.contains($0.lowercased()) }
            } else {
                result.append((destination, flags, keywords))
            }
        }
        return result
    }

    private func recordSieveBookkeeping(_ copies: [Copy]) {
        for copy in copies {
            guard let plan = copy.plan, case .mailbox(let user, _) = copy.delivery.target else { continue }
            for mark in plan.duplicateMarks {
                try? sieve.scripts.tracking.recordDuplicate(user: user, id: mark.id, period: TimeInterval(mark.period))
            }
        }
    }

    private func log(_ envelope: SpoolEnvelope, _ prepared: Prepared, now: Date) {
        let delay = String(format: "%.2f", now.timeIntervalSince(envelope.receivedAt))
        let metadata: Logger.Metadata = ["qid": "\(envelope.queueID)"]
        for copy in prepared.copies {
            let places = copy.mailboxes.map { "\($0.owner)/\($0.name)" }.joined(separator: ", ")
            let what = places.isEmpty ? "handled by Sieve, nothing stored" : "delivered to \(places)"
            logger.info("to=<\(copy.delivery.recipient ?? "")>, relay=local, delay=\(delay), status=sent (\(what))", metadata: metadata)
        }
        for (position, failure) in prepared.failures {
            let recipient = envelope.deliveries[position].recipient ?? ""
            switch failure {
            case .deferred(let why): logger.info("to=<\(recipient)>, relay=local, delay=\(delay), status=deferred (\(why))", metadata: metadata)
            case .bounced(let why): logger.info("to=<\(recipient)>, relay=local, delay=\(delay), status=bounced (\(why))", metadata: metadata)
            }
        }
    }

    /// The users whose mailboxes received copies: the directory's usage summary of each
    /// (for `user list` and the admin UI) is refreshed with the delivery.
    private static func users(owning copies: [Copy]) -> Set<String> {
        Set(copies.flatMap { copy in
            copy.mailboxes.compactMap { mailbox -> String? in
                if case .user(let name) = mailbox.owner { return name } else { return nil }
            }
        })
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
