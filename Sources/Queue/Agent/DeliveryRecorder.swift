import Durability
import Foundation
import Logging
import SMTPProtocol
import Spool

/// The outcome of one try for one delivery.
struct DeliveryAttempt: Sendable {
    var position: Int
    var outcome: SMTPRecipientResult.Outcome
    /// The reply, as the log and `postino queue list` show it.
    var reply: String
    /// The server that gave the reply (DSN Remote-MTA); nil when it was made here.
    var remoteMTA: String?
    /// `host[address]:port`, or `none` when no connection was made.
    var relay: String
    /// The receiving server announced DSN (success notices are its business then).
    var serverSupportsDSN: Bool
}

/// Writes the outcome of tries into the queue rows (one transaction per message), with
/// the next try, expiry and the notices they call for, then logs them.
struct DeliveryRecorder: Sendable {
    let spool: Spool
    let logger: Logger

    func record(_ item: WorkItem, _ attempts: [DeliveryAttempt], schedule: RetrySchedule, now: Date = Date()) async {
        let envelope = item.envelope
        let expired = schedule.isExpired(receivedAt: envelope.receivedAt, now: now)
        var statuses: [Int: DeliveryStatus] = [:]
        let updates = attempts.map { attempt -> QueueRowUpdate in
            let row = item.rows[attempt.position]
            switch attempt.outcome {
            case .delivered:
                // RFC 3461 §6.2.1: a server without DSN ends the chain of reports here.
                let notice = attempt.serverSupportsDSN ? nil : envelope.notice(.relayed, forDeliveryAt: attempt.position)
                return QueueRowUpdate(envelope.queueID, position: attempt.position, status: .sent, reply: attempt.reply,
                                      notice: notice, remoteMTA: attempt.remoteMTA, attemptAt: now)
            case .failed:
                return QueueRowUpdate(envelope.queueID, position: attempt.position, status: .bounced, reply: attempt.reply,
                                      notice: envelope.notice(.failed, forDeliveryAt: attempt.position),
                                      remoteMTA: attempt.remoteMTA, attemptAt: now)
            case .deferred where expired:
                return QueueRowUpdate(envelope.queueID, position: attempt.position, status: .bounced, reply: attempt.reply,
                                      notice: envelope.notice(.failed, forDeliveryAt: attempt.position),
                                      remoteMTA: attempt.remoteMTA, attemptAt: now)
            case .deferred:
                let failures = (row?.attempts ?? 0) + 1
                let warn = schedule.wantsDelayWarning(receivedAt: envelope.receivedAt, now: now,
                                                      alreadySent: row?.delayNotified ?? false)
                return QueueRowUpdate(
                    envelope.queueID, position: attempt.position, status: .deferred, reply: attempt.reply,
                    nextAttemptAt: schedule.nextAttempt(afterFailures: failures, now: now, receivedAt: envelope.receivedAt),
                    notice: warn ? envelope.notice(.delayed, forDeliveryAt: attempt.position) : nil,
                    remoteMTA: attempt.remoteMTA, attemptAt: now, delayNotified: warn ? true : nil)
            }
        }
        do {
            try await BlockingIO.run { [spool] in try spool.queue.apply(updates) }
        } catch {
            logger.error("cannot record delivery results, they will be retried: \(error)", metadata: ["qid": "\(envelope.queueID)"])
            return
        }
        for attempt in attempts {
            statuses[attempt.position] = attempt.outcome == .delivered ? .sent
                : attempt.outcome == .failed || expired ? .bounced : .deferred
        }
        log(envelope, attempts, statuses: statuses, expired: expired, now: now)
    }

    private func log(_ envelope: SpoolEnvelope, _ attempts: [DeliveryAttempt], statuses: [Int: DeliveryStatus],
                     expired: Bool, now: Date) {
        let delay = String(format: "%.2f", max(0, now.timeIntervalSince(envelope.receivedAt)))
        let metadata: Logger.Metadata = ["qid": "\(envelope.queueID)"]
        for attempt in attempts {
            let address = envelope.deliveries[attempt.position].target.remoteAddress ?? ""
            // Postfix's convention: to= the address tried, orig_to= the RCPT it came from.
            var recipient = address
            if let original = envelope.deliveries[attempt.position].recipient, original.lowercased() != address.lowercased() {
                recipient += ">, orig_to=<\(original)"
            }
            let status = statuses[attempt.position] ?? .deferred
            let dsn = RecipientReport.status(from: attempt.reply, fallback: attempt.outcome == .delivered ? "2.0.0" : "4.0.0")
            var reason = attempt.reply
            if status == .bounced && attempt.outcome == .deferred && expired { reason += "; queue lifetime expired" }
            logger.info("to=<\(recipient)>, relay=\(attempt.relay), delay=\(delay), dsn=\(dsn), status=\(status.rawValue) (\(reason))",
                        metadata: metadata)
        }
    }
}
