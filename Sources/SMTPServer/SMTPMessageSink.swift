import Delivery
import Directory
import Durability
import Foundation
import Logging
import MailCore
import SMTPProtocol
import Spool

/// Turns a received message into a queued one: opens the spool draft with its `Received:`
/// header, and at the end of DATA/BDAT checks the header (sender/login match), commits
/// the draft durably, logs, and hands local deliveries to the delivery agent.
struct SMTPMessageSink: Sendable {
    let spool: Spool
    let directory: DirectoryStore
    let deliveryAgent: LocalDeliveryAgent
    let logger: Logger
    /// Wakes the outbound agent after a message with remote deliveries was queued.
    let outbound: OutboundWake
    /// Rewrites submitted mail before it is queued (disclaimer, DKIM); nil on port 25,
    /// whose mail is never changed.
    let submissionTransform: SubmissionTransform?

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
        let parsed = Message(bytes: commit.header)
        if commit.settings.enforceSenderLoginMatch, let user = envelope.authenticatedUser {
            let owned = await (try? BlockingIO.run { [directory] in
                try parsed.from.allSatisfy { try directory.isSenderAllowed($0.address.description, forUser: user) }
            }) ?? false
            if !owned {
                draft.discard()
                logger.info("reject: From header not owned by \(user)", metadata: metadata)
                return .reject(SMTPReply(550, "5.7.1", "From header address rejected: not owned by user \(user)"))
            }
        }
        var draft = draft
        if let transform = submissionTransform, envelope.authenticatedUser != nil {
            let sender = envelope.reversePath.mailbox?.description ?? ""
            do {
                draft = try await spool.rewrite(draft) { bytes in await transform(bytes, sender) }
            } catch {
                logger.error("cannot prepare the message for sending: \(error)", metadata: metadata)
                return .reject(SMTPReply(451, "4.3.0", "Error: queue file write error"))
            }
        }
        let spooled = SpoolEnvelope(
            queueID: draft.queueID, sender: envelope.reversePath.mailbox?.description ?? "",
            receivedAt: Date(), origin: envelope.authenticatedUser != nil ? .submission : .mx,
            deliveries: commit.deliveries, dsnReturn: envelope.dsnReturn?.rawValue,
            envelopeID: envelope.envelopeID, smtpUTF8: envelope.smtpUTF8, bodyType: envelope.bodyType?.rawValue,
            authenticatedUser: envelope.authenticatedUser, clientAddress: envelope.client.remoteAddress,
            heloName: envelope.heloName)
        let accepted: SpoolEnvelope
        do {
            accepted = try await spool.commit(draft, envelope: spooled)
        } catch let error as FileSystemError where error.isOutOfSpace {
            logger.error("cannot queue message: \(error)", metadata: metadata)
            return .reject(SMTPReply(452, "4.3.1", "Insufficient system storage"))
        } catch {
            logger.error("cannot queue message: \(error)", metadata: metadata)
            return .reject(SMTPReply(451, "4.3.0", "Error: queue file write error"))
        }
        var client = "client=unknown[\(envelope.client.remoteAddress)]"
        if let user = envelope.authenticatedUser { client += ", sasl_username=\(user)" }
        logger.info("\(client)", metadata: metadata)
        if let id = parsed.messageID { logger.info("message-id=\(id)", metadata: metadata) }
        logger.info("from=<\(accepted.sender)>, size=\(accepted.size), nrcpt=\(envelope.recipients.count) (queue active)",
                    metadata: metadata)
        if accepted.deliveries.contains(where: { $0.target.isLocal }) {
            await deliveryAgent.submit(accepted.queueID)
        }
        if accepted.deliveries.contains(where: { !$0.target.isLocal }) {
            await outbound()
        }
        return .queued(queueID: accepted.queueID.rawValue)
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
