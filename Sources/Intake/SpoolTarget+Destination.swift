import Directory
import Spool

extension SpoolTarget {
    /// The spool's target for a resolved destination (the one mapping SMTP, generated
    /// mail and notices share).
    public init(_ destination: FinalDestination) {
        switch destination {
        case let .mailbox(user, subaddress): self = .mailbox(user: user, subaddress: subaddress)
        case let .publicMailbox(name): self = .publicMailbox(name)
        case let .external(address): self = .remote(address: address.description)
        case let .relay(address, target):
            self = .relay(address: address.description, host: target.host, port: target.port, tls: target.tls.rawValue)
        }
    }
}

/// Where mail Postino writes itself goes: the recipient is resolved like any other (a
/// local user gets it locally with hidden copies, another server through the queue).
public struct GeneratedMailRouter: Sendable {
    let directory: any MailDirectory

    public init(directory: any MailDirectory) {
        self.directory = directory
    }

    /// Deliveries for `address`; empty when it is local and does not exist. `notify`
    /// applies to the address's own copies (hidden copies never ask for notices).
    public func deliveries(to address: String, notify: [String]? = nil) throws -> [SpoolDelivery] {
        guard !address.isEmpty else { return [] }
        switch try directory.resolve(address, sender: .localNetwork) {
        case .deliver(let resolved):
            let own = resolved.destinations.map { SpoolDelivery(target: SpoolTarget($0), recipient: address, notify: notify) }
            let copies = resolved.copies.map { SpoolDelivery(target: SpoolTarget($0), recipient: nil, notify: ["NEVER"]) }
            return own + copies
        case .refused(.domainNotLocal):
            return [SpoolDelivery(target: .remote(address: address), recipient: address, notify: notify)]
        case .refused:
            return []
        }
    }
}
