import Directory
import Durability
import Foundation
import Logging
import MailStore
import SieveStore
import Spool

/// Delivers the local deliveries of one spooled message into the mail store
/// (`DeliveryMailStorage`: Maildirs on the server, memory in unit tests), through Sieve.
///
/// Idempotent: each stored copy gets a deterministic base name (`Q<queue ID>_<delivery>`,
/// then `_1`, `_2`… for further Sieve `fileinto`s), and a delivery whose first copy is
/// already stored counts as done, so a message is never stored twice however often a
/// crash interrupts delivery. Copies are staged first, made durable in one round
/// (`makeStagedDurable`: the shared sync barrier), then indexed together with the queue
/// rows in one unit of work (`ledger`).
struct LocalDelivery: Sendable {
    let spool: Spool
    let store: any DeliveryMailStorage
    let ledger: any LocalDeliveryLedger
    let directory: any MailDirectory
    let sieve: SieveRunner
    let submitter: OutgoingSubmitter
    let logger: Logger
    /// When a temporary failure (over quota, a file system error) is tried again, and
    /// when `queue.lifetime` makes it bounce.
    let retry: LocalRetryPolicy

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

    /// A failure as recorded: deferred until `next`, or bounced (`expired`: a temporary
    /// failure at the end of `queue.lifetime`).
    struct Outcome {
        var position: Int
        var reply: String
        var next: Date?
        var expired = false
    }

    /// Delivers every open local delivery of `queueID`; returns true when the message has
    /// nothing left to do and was removed from the spool.
    func deliver(_ queueID: QueueID) async throws -> Bool {
        // Off the cooperative pool: a blocked Swift concurrency thread can deadlock the rest.
        guard let queued = try await BlockingIO.run({ [spool] in try spool.queue.message(queueID) }) else { return false }
        let envelope = queued.envelope
        let open = queued.deliveries.filter { $0.target.isLocal && !$0.status.isFinal }
        guard !open.isEmpty else { return try await finishIfDone(queueID) }

        let prepared = try await BlockingIO.run { [self] in try prepare(envelope, open) }
        if prepared.copies.contains(where: { !$0.staged.isEmpty }) {
            try await store.makeStagedDurable()
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
        let outcomes = Self.outcomes(prepared.failures, open: open, envelope: envelope, now: now,
                                     lifetime: LocalRetryPolicy.lifetime(directory), retry: retry)
        // One unit of work indexes the copies, records the outcomes and the owners' quota
        // usage, and forgets the message when nothing is left to do (its file goes after).
        let sent = prepared.copies.map { copy in
            let places = copy.mailboxes.map { "\($0.owner)/\($0.name)" }.joined(separator: ", ")
            return QueueRowUpdate(queueID, position: copy.position, status: .sent,
                                  reply: places.isEmpty ? "handled by Sieve" : "delivered to \(places)",
                                  notice: envelope.notice(.delivered, forDeliveryAt: copy.position), attemptAt: now)
        }
        let batch = LocalDeliveryCommit(queueID: queueID, staged: prepared.copies.flatMap(\.staged),
                                        updates: sent + Self.updates(outcomes, envelope: envelope, now: now),
                                        quotaUsers: Self.users(owning: prepared.copies))
        let finished = try await ledger.commit(batch)
        store.changes.changed(Set(prepared.copies.flatMap { $0.mailboxes.map(\.id) }))
        recordSieveBookkeeping(prepared.copies, queueID)
        log(envelope, prepared, outcomes, now: now, hidden: await HiddenCopyAddress.addresses(of: envelope, directory: directory))
        if finished {
            do {
                try await BlockingIO.run { [self] in try spool.removeFile(queueID) }
                logger.info("removed", metadata: ["qid": "\(queueID)"])
            } catch {
                // Every delivery is recorded: only the spool file is left over.
                logger.warning("delivered, but the spool file cannot be removed: \(error)", metadata: ["qid": "\(queueID)"])
            }
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
            // A failure of one delivery (a file system error in one Maildir) defers that
            // delivery alone, with its error; the files it staged are not indexed, so
            // they go (the next try stages them again under the same names).
            do {
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
                        let plan = try sieve.plan(SieveRunner.Input(
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
                                                       flags: [], keywords: [], linking: spooled)]
                    }
                case .remote, .relay:
                    continue
                }
            } catch {
                // Best effort: a staged file left over has the deterministic name, so the
                // retry recognises it instead of storing the message twice.
                for staged in copy.staged { try? DurableFile.remove(staged.path) }
                result.failures.append((queued.position, .deferred("4.3.0 local delivery failed: \(error)")))
                continue
            }
            result.copies.append(copy)
        }
        return result
    }

    /// Decides what each failure becomes: a permanent one bounces; a temporary one is
    /// deferred on the retry schedule, or bounces with its error once `queue.lifetime`
    /// is over (as the outbound queue does).
    static func outcomes(_ failures: [(Int, Failure)], open: [QueuedDelivery], envelope: SpoolEnvelope, now: Date,
                         lifetime: TimeInterval, retry: LocalRetryPolicy) -> [Outcome] {
        failures.map { position, failure in
            switch failure {
            case .bounced(let why):
                return Outcome(position: position, reply: why, next: nil)
            case .deferred(let why):
                let failures = (open.first { $0.position == position }?.attempts ?? 0) + 1
                switch retry.decide(failures: failures, receivedAt: envelope.receivedAt, now: now, lifetime: lifetime) {
                case .retry(let at): return Outcome(position: position, reply: why, next: at)
                case .expired: return Outcome(position: position, reply: why, next: nil, expired: true)
                }
            }
        }
    }

    /// The failures as queue-row updates: attempt counted, last error kept (shown by
    /// `postino queue list`), a failure notice for a bounce.
    static func updates(_ outcomes: [Outcome], envelope: SpoolEnvelope, now: Date) -> [QueueRowUpdate] {
        outcomes.map { outcome in
            if let next = outcome.next {
                return QueueRowUpdate(envelope.queueID, position: outcome.position, status: .deferred, reply: outcome.reply,
                                      nextAttemptAt: next, attemptAt: now)
            }
            return QueueRowUpdate(envelope.queueID, position: outcome.position, status: .bounced, reply: outcome.reply,
                                  notice: envelope.notice(.failed, forDeliveryAt: outcome.position), attemptAt: now)
        }
    }

    /// A try that failed as a whole (the spooled file unreadable, the index transaction
    /// refused): every open local delivery of the message is deferred with this error, or
    /// bounces if `queue.lifetime` is over — never retried at once for ever.
    func recordFailure(_ queueID: QueueID, _ error: any Error) async {
        do {
            // Off the cooperative pool, like every read of the database.
            let (found, lifetime) = try await BlockingIO.run { [spool, directory] in
                (try spool.queue.message(queueID), LocalRetryPolicy.lifetime(directory))
            }
            guard let queued = found else { return }
            let open = queued.deliveries.filter { $0.target.isLocal && !$0.status.isFinal }
            let failures = open.map { ($0.position, Failure.deferred("4.3.0 local delivery failed: \(error)")) }
            let now = Date()
            let outcomes = Self.outcomes(failures, open: open, envelope: queued.envelope, now: now,
                                         lifetime: lifetime, retry: retry)
            try await ledger.recordOutcomes(Self.updates(outcomes, envelope: queued.envelope, now: now))
            log(queued.envelope, Prepared(), outcomes, now: now)
        } catch {
            logger.error("cannot record the failed local delivery, it will be retried: \(error)", metadata: ["qid": "\(queueID)"])
        }
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
            let notify: Bool
            do {
                notify = try sieve.scripts.memory.markErrorNotified(user: user, scriptHash: version)
            } catch {
                logger.error("sieve: \(user): cannot record the error notice, none sent: \(error)",
                             metadata: ["qid": "\(envelope.queueID)"])
                notify = false
            }
            if notify {
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
                        mailbox = try store.createMailbox(owner: owner, name: target.folder, specialUse: nil)
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

    private func recordSieveBookkeeping(_ copies: [Copy], _ queueID: QueueID) {
        for copy in copies {
            guard let plan = copy.plan, case .mailbox(let user, _) = copy.delivery.target else { continue }
            for mark in plan.duplicateMarks {
                do {
                    try sieve.scripts.memory.recordDuplicate(user: user, id: mark.id, period: TimeInterval(mark.period))
                } catch {
                    // The message is delivered; only a later duplicate test may miss it.
                    logger.error("sieve: \(user): cannot record duplicate \(mark.id): \(error)", metadata: ["qid": "\(queueID)"])
                }
            }
        }
    }

    /// `hidden`: the copy address of each hidden copy by position (logged as its `to=<…>`).
    private func log(_ envelope: SpoolEnvelope, _ prepared: Prepared, _ outcomes: [Outcome], now: Date, hidden: [Int: String] = [:]) {
        let delay = String(format: "%.2f", now.timeIntervalSince(envelope.receivedAt))
        let metadata: Logger.Metadata = ["qid": "\(envelope.queueID)"]
        for copy in prepared.copies {
            let places = copy.mailboxes.map { "\($0.owner)/\($0.name)" }.joined(separator: ", ")
            let what = places.isEmpty ? "handled by Sieve, nothing stored" : "delivered to \(places)"
            logger.info("to=<\(copy.delivery.recipient ?? hidden[copy.position] ?? "")>, relay=local, delay=\(delay), status=sent (\(what))", metadata: metadata)
        }
        for outcome in outcomes {
            let recipient = envelope.deliveries[outcome.position].recipient ?? hidden[outcome.position] ?? ""
            if outcome.next != nil {
                logger.info("to=<\(recipient)>, relay=local, delay=\(delay), status=deferred (\(outcome.reply))", metadata: metadata)
            } else {
                let reason = outcome.reply + (outcome.expired ? "; queue lifetime expired" : "")
                logger.info("to=<\(recipient)>, relay=local, delay=\(delay), status=bounced (\(reason))", metadata: metadata)
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
        guard try await ledger.isFinished(queueID) else { return false }
        return try await BlockingIO.run { [self] in
            try spool.remove(queueID)
            logger.info("removed", metadata: ["qid": "\(queueID)"])
            return true
        }
    }
}
