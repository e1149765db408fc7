import Intake
import Durability
import Foundation
import Logging
import MailCore
import Spool

/// Sends the notices (DSNs) the queue rows ask for and removes messages that have nothing
/// left to do. A notice is queued through the spool like any mail, to the envelope sender
/// with the null reverse path, and only then cleared from the rows: after a crash in
/// between the sender may get it twice, never not at all.
struct NoticeSender: Sendable {
    let spool: Spool
    let intake: IntakePipeline
    let builder: DSNBuilder
    let logger: Logger

    /// Sends the pending notices of one message, then removes it if it is finished.
    /// Returns the notice it queued, if any.
    func process(_ queueID: QueueID, reportingMTA: String, schedule: RetrySchedule) async -> SpoolEnvelope? {
        let metadata: Logger.Metadata = ["qid": "\(queueID)"]
        do {
            guard let queued = try await BlockingIO.run({ [spool] in try spool.queue.message(queueID) }) else { return nil }
            let pending = queued.deliveries.filter { $0.notice != nil }
            var notice: SpoolEnvelope?
            if !pending.isEmpty {
                notice = try await send(queued, pending, reportingMTA: reportingMTA, schedule: schedule)
            }
            try await finishIfDone(queueID)
            return notice
        } catch {
            logger.error("cannot send delivery notice, will retry: \(error)", metadata: metadata)
            return nil
        }
    }

    private func send(_ queued: QueuedMessage, _ pending: [QueuedDelivery], reportingMTA: String,
                      schedule: RetrySchedule) async throws -> SpoolEnvelope? {
        let envelope = queued.envelope
        let positions = pending.map(\.position)
        let original: [UInt8]
        do {
            original = try await BlockingIO.run { [spool] in try spool.readMessage(envelope.queueID) }
        } catch {
            // The message file is gone (deleted from the queue meanwhile): nothing to report.
            try await clear(envelope.queueID, positions)
            return nil
        }
        let report = DeliveryReport(
            reportingMTA: reportingMTA, recipientOfReport: envelope.sender, envelopeID: envelope.envelopeID,
            arrivalDate: envelope.receivedAt,
            recipients: pending.compactMap { recipientReport($0, envelope, schedule: schedule) },
            original: original, returnFull: envelope.dsnReturn?.uppercased() != "HDRS")
        guard !report.recipients.isEmpty, !envelope.sender.isEmpty else {
            try await clear(envelope.queueID, positions)
            return nil
        }
        // Through intake like any message; notices never ask for notices (RFC 3461 §5.2.1:
        // NOTIFY=NEVER for the null sender's mail).
        let notice = GeneratedMessage(kind: .deliveryNotice, sender: "", recipient: envelope.sender,
                                      bytes: builder.build(report), hopCount: envelope.hopCount + 1)
        guard let queuedDSN = try await intake.submitGenerated(notice, notify: ["NEVER"]) else {
            logger.info("sender <\(envelope.sender)> cannot receive notices; notice dropped",
                        metadata: ["qid": "\(envelope.queueID)"])
            try await clear(envelope.queueID, positions)
            return nil
        }
        try await clear(envelope.queueID, positions)
        logger.info("sender \(report.kind == .failed ? "non-delivery" : report.kind == .delayed ? "delay" : "delivery") notification: \(queuedDSN.queueID)",
                    metadata: ["qid": "\(envelope.queueID)"])
        logger.info("from=<>, size=\(queuedDSN.size), nrcpt=1 (queue active)", metadata: ["qid": "\(queuedDSN.queueID)"])
        return queuedDSN
    }

    private func recipientReport(_ row: QueuedDelivery, _ envelope: SpoolEnvelope, schedule: RetrySchedule) -> RecipientReport? {
        guard let notice = row.notice, envelope.deliveries.indices.contains(row.position) else { return nil }
        let delivery = envelope.deliveries[row.position]
        // RFC 3464 §2.3.2: the address the failure concerns (a forward's target); the
        // RCPT it came from goes in Original-Recipient unless ORCPT says otherwise.
        var original = delivery.originalRecipient
        let address = delivery.target.remoteAddress ?? delivery.recipient ?? ""
        if original == nil, let recipient = delivery.recipient, recipient.lowercased() != address.lowercased() {
            original = "rfc822;" + ESMTPParameters.xtextEncode(recipient)
        }
        guard !address.isEmpty else { return nil }
        var status = RecipientReport.status(from: row.lastReply, fallback: notice == .failed ? "5.0.0" : notice == .delayed ? "4.0.0" : "2.0.0")
        var diagnostic = row.lastReply
        if notice == .failed && status.hasPrefix("4.") {
            // Transient failures until the lifetime ran out (RFC 3463 X.4.7).
            status = "4.4.7"
            diagnostic = diagnostic.map { "delivery time expired; last error: \($0)" } ?? "delivery time expired"
        }
        return RecipientReport(
            finalRecipient: address, originalRecipient: original, action: notice, status: status,
            remoteMTA: row.remoteMTA, diagnostic: diagnostic, diagnosticIsSMTP: row.remoteMTA != nil && !(notice == .failed && status == "4.4.7"),
            lastAttempt: row.lastAttemptAt,
            willRetryUntil: notice == .delayed ? schedule.expiry(receivedAt: envelope.receivedAt) : nil)
    }

    private func clear(_ queueID: QueueID, _ positions: [Int]) async throws {
        try await BlockingIO.run { [spool] in
            try spool.queue.clearNotices(queueID, positions: positions)
        }
    }

    /// Removes the message once every delivery is final and every notice sent.
    func finishIfDone(_ queueID: QueueID) async throws {
        try await BlockingIO.run { [spool, logger] in
            guard try spool.queue.isQueuedAndFinished(queueID) else { return }
            try spool.remove(queueID)
            logger.info("removed", metadata: ["qid": "\(queueID)"])
        }
    }
}
