import Directory
import Foundation
import Intake
import Logging
import Metrics
import MailCore
import SMTPProtocol
import Spool

/// Turns a received message into a queued one: opens the spool draft with its `Received:`
/// header, and at the end of DATA/BDAT submits it to the intake pipeline (sender checks,
/// filter, rewrites, durable commit, dispatch) and maps the outcome to the reply.
struct SMTPMessageSink: Sendable {
    let spool: Spool
    let intake: IntakePipeline
    let logger: Logger
    let listener: String

    func begin(_ envelope: SMTPEnvelope, hostname: String) -> SpoolDraft {
        let draft = spool.makeDraft()
        draft.append(ReceivedHeader.field(envelope: envelope, queueID: draft.queueID.rawValue, hostname: hostname))
        return draft
    }

    /// Everything a commit needs besides the draft.
    struct Commit: Sendable {
        var envelope: SMTPEnvelope
        var deliveries: [SpoolDelivery]
        var header: [UInt8]
        var settings: SMTPServerSettings
    }

    func commit(_ draft: SpoolDraft, _ commit: Commit) async -> SMTPCommitResult {
        let envelope = commit.envelope
        let metadata: Logger.Metadata = ["qid": "\(draft.queueID)"]
        let client = envelope.client.remoteAddress
        let origin: IntakeOrigin
        if let user = envelope.authenticatedUser {
            origin = .submission(user: user)
        } else if commit.settings.relayIPs.contains(where: { $0.contains(client) }) {
            origin = .relayClient  // SPEC 3: relay clients skip the filter entirely
        } else {
            origin = .mx
        }
        let intakeEnvelope = IntakeEnvelope(
            sender: envelope.reversePath.mailbox?.description ?? "",
            recipients: envelope.recipients.map { $0.path.mailbox?.description ?? "postmaster" },
            deliveries: commit.deliveries, clientAddress: client, heloName: envelope.heloName,
            authenticatedUser: envelope.authenticatedUser, tlsVersion: envelope.client.tls?.version,
            dsnReturn: envelope.dsnReturn?.rawValue, envelopeID: envelope.envelopeID, smtpUTF8: envelope.smtpUTF8,
            bodyType: envelope.bodyType?.rawValue, listener: listener)
        let started = ContinuousClock.now
        let submitted = await intake.submit(draft, envelope: intakeEnvelope, origin: origin)
        // From the end of DATA to the reply: filter, rewrites, spool commit and its sync.
        Metrics.Timer(label: "postino_smtp_transaction_seconds", dimensions: [("result", submitted.isQueued ? "queued" : "refused")])
            .recordInterval(since: started)
        switch submitted {
        case .queued(let accepted, _):
            var line = "client=unknown[\(client)]"
            if let tls = (envelope.tls ?? envelope.client.tls)?.version { line += ", tls=\(tls)" }
            if let user = envelope.authenticatedUser { line += ", sasl_username=\(user)" }
            logger.info("\(line)", metadata: metadata)
            if let id = Message(bytes: commit.header).messageID { logger.info("message-id=\(id)", metadata: metadata) }
            logger.info("from=<\(accepted.sender)>, size=\(accepted.size), nrcpt=\(envelope.recipients.count) (queue active)",
                        metadata: metadata)
            return .queued(queueID: accepted.queueID.rawValue)
        case .refused(let reply, _):
            logger.info("reject: END-OF-MESSAGE from unknown[\(client)]: \(reply); from=<\(intakeEnvelope.sender)>",
                        metadata: metadata)
            return .reject(SMTPReply(reply.code, SMTPEnhancedStatusCode(parsing: reply.enhanced), reply.text))
        }
    }

    /// One copy per mailbox or address per message, whatever route led there (RFC 5321
    /// recipients, groups, aliases, hidden copies).
    static func merge(_ lists: [[SpoolDelivery]]) -> [SpoolDelivery] {
        var seen = Set<String>()
        var result: [SpoolDelivery] = []
        for delivery in lists.joined() where seen.insert(key(delivery.target)).inserted {
            result.append(delivery)
        }
        return result
    }

    private static func key(_ target: SpoolTarget) -> String {
        switch target {
        case .mailbox(let user, _): return "m:" + user
        case .publicMailbox(let name): return "p:" + name
        case .remote(let address), .relay(let address, _, _, _): return "a:" + address.lowercased()
        }
    }
}

extension IntakeResult {
    var isQueued: Bool {
        if case .queued = self { return true }
        return false
    }
}

extension Metrics.Timer {
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}
