import MailCore
import SMTPProtocol
import Spool

/// The deliveries of one message that go to one destination: one transaction (or a few,
/// past the recipient limit) on one connection.
struct WorkItem: Sendable {
    var envelope: SpoolEnvelope
    /// Positions in `envelope.deliveries`.
    var positions: [Int]
    var destination: Destination
    /// The queue rows of those positions as they were when the item was picked.
    var rows: [Int: QueuedDelivery]

    var queueID: QueueID { envelope.queueID }

    /// The address each delivery goes to.
    func address(at position: Int) -> String {
        envelope.deliveries[position].target.remoteAddress ?? ""
    }

    /// The transactions to run, at most `limit` recipients each, with the positions they
    /// stand for.
    func messages(content: [UInt8], limit: Int) -> [(message: SMTPClientMessage, positions: [Int])] {
        let headerNeedsUTF8 = envelope.smtpUTF8 && SMTPClientMessage.hasEightBitHeader(content)
        let sender = Self.wireForm(envelope.sender)
        var batches: [(SMTPClientMessage, [Int])] = []
        var start = 0
        while start < positions.count {
            let slice = Array(positions[start..<min(positions.count, start + limit)])
            let recipients = slice.map { position -> SMTPClientRecipient in
                let delivery = envelope.deliveries[position]
                return SMTPClientRecipient(address: Self.wireForm(address(at: position)),
                                           notify: delivery.notify.flatMap(Self.notify),
                                           originalRecipient: delivery.originalRecipient)
            }
            let localParts = ([sender] + recipients.map(\.address)).contains { address in
                address.split(separator: "@").dropLast().joined(separator: "@").utf8.contains { $0 >= 0x80 }
            }
            let message = SMTPClientMessage(
                reversePath: sender, recipients: recipients, content: content,
                envelopeID: envelope.envelopeID, dsnReturn: envelope.dsnReturn.flatMap(DSNReturn.init(rawValue:)),
                requiresSMTPUTF8: localParts || headerNeedsUTF8, requestsSMTPUTF8: envelope.smtpUTF8)
            batches.append((message, slice))
            start += limit
        }
        return batches
    }

    /// The domain in A-labels (valid with or without SMTPUTF8), the local part as is.
    static func wireForm(_ address: String) -> String {
        guard !address.isEmpty, let parsed = try? EmailAddress.parse(address, limits: .unlimited),
              let ascii = parsed.asciiDomain else { return address }
        return EmailAddress(localPart: parsed.localPart, domain: ascii).description
    }

    /// `["SUCCESS", "FAILURE"]` → `.on([.success, .failure])`.
    static func notify(_ words: [String]) -> DSNNotify? {
        let upper = Set(words.map { $0.uppercased() })
        if upper.contains("NEVER") { return .never }
        var conditions: DSNNotify.Conditions = []
        if upper.contains("SUCCESS") { conditions.insert(.success) }
        if upper.contains("FAILURE") { conditions.insert(.failure) }
        if upper.contains("DELAY") { conditions.insert(.delay) }
        return conditions.isEmpty ? nil : .on(conditions)
    }
}

extension SpoolTarget {
    /// The address of another server's user; nil for local mailboxes.
    var remoteAddress: String? {
        switch self {
        case .remote(let address), .relay(let address, _, _, _): return address
        case .mailbox, .publicMailbox: return nil
        }
    }
}
