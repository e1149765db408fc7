import Antispam
import Directory
import Durability
import IMAPServer
import Logging
import MailStore

/// Bayes training from the Junk folder (SPEC 8, issue 14). IMAP sessions report moves
/// into and out of Junk; the trainer checks that the user may train (`spamtrainers`),
/// stores the request in the durable queue before the IMAP reply, and a background loop
/// reads the messages and learns them — so training never slows the reply and a restart
/// loses nothing.
public final class JunkTrainer: JunkTrainingSink, Sendable {
    private let queue: any SpamTrainingQueue
    private let engine: SpamEngine
    private let store: MailStore
    private let directory: DirectoryStore
    private let logger: Logger
    private let wake: AsyncWake

    public init(queue: any SpamTrainingQueue, engine: SpamEngine, store: MailStore, directory: DirectoryStore, logger: Logger) {
        self.queue = queue
        self.engine = engine
        self.store = store
        self.directory = directory
        self.logger = logger
        self.wake = AsyncWake()
    }

    public func record(_ event: JunkTrainingEvent) async {
        let directory = directory, user = event.user
        do {
            guard try await BlockingIO.run({ try directory.maySpamTrain(user: user) }) else {
                logger.info("spam training: user=\(user) not in spamtrainers, \(event.reason) ignored")
                return
            }
            let request = SpamTrainingRequest(user: user, bayesClass: event.verdict == .spam ? .spam : .ham,
                                              mailboxID: event.mailboxID, uids: event.uids, reason: event.reason)
            try await queue.enqueue(request)
            wake.signal()
        } catch {
            // The user's IMAP command succeeded either way; the lost request is logged.
            logger.error("spam training: user=\(user) \(event.reason): cannot queue the request: \(error)")
        }
    }

    /// Applies queued requests until cancelled; woken by new requests, and every minute
    /// in case a request could not be applied (storage error) and waits for a retry.
    public func run() async {
        while !Task.isCancelled {
            await drain()
            await wake.wait(timeout: .seconds(60))
        }
    }

    /// Applies every pending request once, then trains the Bayes weights once for all of
    /// them (a training reads every learnt message: once per request would be wasted);
    /// returns how many were applied.
    @discardableResult
    public func drain() async -> Int {
        let (applied, learnt) = await applyPending()
        if learnt > 0 {
            do { try await engine.train() } catch {
                // The counts are learnt; the weights stay as they were until the next training.
                logger.error("spam training: \(learnt) messages learnt, but the weights could not be trained: \(error)")
            }
        }
        return applied
    }

    /// Applies the queued requests; returns how many were applied and how many messages
    /// they changed in the model.
    private func applyPending() async -> (applied: Int, learnt: Int) {
        var applied = 0, learnt = 0
        while !Task.isCancelled {
            let batch: [SpamTrainingRequest]
            do { batch = try await queue.pending(limit: 32) } catch {
                logger.error("spam training: cannot read the queue: \(error)")
                return (applied, learnt)
            }
            if batch.isEmpty { return (applied, learnt) }
            for request in batch {
                guard let id = request.id else { continue }
                do {
                    learnt += try await apply(request)
                    try await queue.remove(id)
                    applied += 1
                } catch {
                    logger.error("spam training: user=\(request.user) \(request.reason): \(error); kept for a retry")
                    return (applied, learnt)
                }
            }
        }
        return (applied, learnt)
    }

    /// Learns the request's messages without training the weights; returns how many
    /// changed the model.
    private func apply(_ request: SpamTrainingRequest) async throws -> Int {
        let store = store
        // Messages expunged since the request are gone: nothing to learn from them.
        let messages: [[UInt8]] = try await BlockingIO.run {
            guard let mailbox = try store.mailbox(id: request.mailboxID) else { return [] }
            return request.uids.compactMap { uid in try? store.readMessage(mailbox, uid: uid) }
        }
        let outcomes = messages.isEmpty ? [] : try await engine.learn(messages, as: request.bayesClass, train: false)
        let changed = outcomes.filter { $0 != .unchanged }.count
        logger.info("spam training: user=\(request.user) \(request.reason): learnt \(changed) of \(request.uids.count) as \(request.bayesClass.rawValue)\(messages.count < request.uids.count ? ", \(request.uids.count - messages.count) gone" : "")")
        return changed
    }
}
