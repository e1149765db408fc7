import Directory
import Foundation
import Spool

/// Queues messages generated here (redirects, vacation replies, reject notices): the
/// recipient is resolved like any other (a local user gets it locally, another server
/// through the outbound queue), then the message is spooled durably.
struct OutgoingSubmitter: Sendable {
    let spool: Spool
    let directory: DirectoryStore

    /// Returns the queued envelope, nil when the recipient resolves to nothing.
    func submit(_ message: OutgoingMessage, hopCount: Int) async throws -> SpoolEnvelope? {
        let deliveries: [SpoolDelivery]
        switch try directory.resolve(message.recipient, sender: .localNetwork) {
        case .deliver(let resolved):
            deliveries = (resolved.destinations + resolved.copies).map { destination in
                SpoolDelivery(target: Self.target(destination), recipient: message.recipient)
            }
        case .refused(.domainNotLocal):
            deliveries = [SpoolDelivery(target: .remote(address: message.recipient), recipient: message.recipient)]
        case .refused:
            return nil
        }
        guard !deliveries.isEmpty else { return nil }
        let envelope = SpoolEnvelope(queueID: QueueID.generate(), sender: message.sender, receivedAt: Date(),
                                     origin: .local, deliveries: deliveries, hopCount: hopCount)
        return try await spool.enqueue(message.bytes, envelope: envelope)
    }

    static func target(_ destination: FinalDestination) -> SpoolTarget {
        switch destination {
        case let .mailbox(user, subaddress): return .mailbox(user: user, subaddress: subaddress)
        case let .publicMailbox(name): return .publicMailbox(name)
        case let .external(address): return .remote(address: address.description)
        case let .relay(address, target):
            return .relay(address: address.description, host: target.host, port: target.port, tls: target.tls.rawValue)
        }
    }
}
