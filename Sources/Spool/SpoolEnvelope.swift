import Foundation

/// Where one copy of a spooled message goes: a local mailbox or another server.
public enum SpoolTarget: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A user's INBOX; `subaddress` is the `+tag` for Sieve.
    case mailbox(user: String, subaddress: String?)
    case publicMailbox(String)
    /// An address of another server, delivered through the outbound queue.
    case remote(address: String)
    /// An address of a relay domain, passed to that domain's server; `tls` is the
    /// domain's `RelayTarget.TLSMode` (none, opportunistic, required, implicit).
    case relay(address: String, host: String, port: Int, tls: String)

    public var isLocal: Bool {
        switch self {
        case .mailbox, .publicMailbox: return true
        case .remote, .relay: return false
        }
    }

    /// The column pair stored in `queue_deliveries` (kind, target).
    public var kind: String {
        switch self {
        case .mailbox: return "mailbox"
        case .publicMailbox: return "public"
        case .remote: return "remote"
        case .relay: return "relay"
        }
    }

    public var description: String {
        switch self {
        case let .mailbox(user, sub): return sub.map { "mailbox \(user) (+\($0))" } ?? "mailbox \(user)"
        case let .publicMailbox(name): return "public mailbox \(name)"
        case let .remote(address): return "remote <\(address)>"
        case let .relay(address, host, port, _): return "relay <\(address)> via \(host):\(port)"
        }
    }
}

/// One delivery unit of a message: a target and the recipient it is for.
public struct SpoolDelivery: Hashable, Sendable, Codable {
    public var target: SpoolTarget
    /// The RCPT TO address this copy is for (for the log, DSNs and Sieve's envelope "to");
    /// nil for hidden copies (copy-inbound, copy-all).
    public var recipient: String?
    /// RFC 3461 NOTIFY of that recipient (`NEVER`, or a subset of SUCCESS/FAILURE/DELAY);
    /// nil = default (FAILURE,DELAY).
    public var notify: [String]?
    /// RFC 3461 ORCPT as `addr-type;xtext`, kept for DSNs.
    public var originalRecipient: String?

    public init(target: SpoolTarget, recipient: String?, notify: [String]? = nil, originalRecipient: String? = nil) {
        self.target = target
        self.recipient = recipient
        self.notify = notify
        self.originalRecipient = originalRecipient
    }
}

extension SpoolDelivery {
    /// Whether the recipient's NOTIFY (RFC 3461 §4.1) asks for this notice: NEVER asks
    /// for none; without NOTIFY, failures and delays are reported (§4.1 lets the MTA
    /// choose; FAILURE,DELAY is the usual default).
    public func wants(_ notice: DeliveryNotice) -> Bool {
        guard let notify else { return notice == .failed || notice == .delayed }
        let words = Set(notify.map { $0.uppercased() })
        if words.contains("NEVER") { return false }
        return words.contains(notice.condition)
    }
}

extension SpoolEnvelope {
    /// `notice` when one is due for the delivery at `position`: never for the null
    /// sender (RFC 5321 §4.5.5: no bounce for a bounce), else as its NOTIFY asks.
    public func notice(_ notice: DeliveryNotice, forDeliveryAt position: Int) -> DeliveryNotice? {
        guard !sender.isEmpty, deliveries.indices.contains(position),
              deliveries[position].wants(notice) else { return nil }
        return notice
    }
}

/// How a message entered the queue.
public enum SpoolOrigin: String, Sendable, Codable, Hashable {
    /// Port 25, from another server.
    case mx
    /// Ports 587/465 or an authenticated client.
    case submission
    /// Generated here: bounces, vacation replies, Sieve redirects, forwards.
    case local
}

/// Everything about a spooled message besides its octets. Written beside the message file
/// when the message is accepted; the queue database rows are rebuilt from it after a crash.
public struct SpoolEnvelope: Sendable, Codable, Hashable {
    public var queueID: QueueID
    /// Envelope sender; empty for the null reverse path (bounces).
    public var sender: String
    /// Stored in whole milliseconds so that an envelope read back equals the one written.
    public var receivedAtMilliseconds: Int64
    public var receivedAt: Date {
        get { Date(timeIntervalSince1970: Double(receivedAtMilliseconds) / 1000) }
        set { receivedAtMilliseconds = Int64((newValue.timeIntervalSince1970 * 1000).rounded()) }
    }
    public var origin: SpoolOrigin
    /// Octets of the message file (the `Received:` header included).
    public var size: Int
    public var deliveries: [SpoolDelivery]
    /// RFC 3461 RET (FULL/HDRS) and ENVID.
    public var dsnReturn: String?
    public var envelopeID: String?
    public var smtpUTF8: Bool
    /// BODY= as declared (7BIT, 8BITMIME).
    public var bodyType: String?
    public var authenticatedUser: String?
    public var clientAddress: String?
    public var heloName: String?
    /// Loop protection for locally generated mail (Sieve redirects, forwards): how many
    /// times the message was already passed on by this server.
    public var hopCount: Int

    public init(queueID: QueueID, sender: String, receivedAt: Date, origin: SpoolOrigin, size: Int = 0,
                deliveries: [SpoolDelivery], dsnReturn: String? = nil, envelopeID: String? = nil,
                smtpUTF8: Bool = false, bodyType: String? = nil, authenticatedUser: String? = nil,
                clientAddress: String? = nil, heloName: String? = nil, hopCount: Int = 0) {
        self.queueID = queueID
        self.sender = sender
        self.receivedAtMilliseconds = Int64((receivedAt.timeIntervalSince1970 * 1000).rounded())
        self.origin = origin
        self.size = size
        self.deliveries = deliveries
        self.dsnReturn = dsnReturn
        self.envelopeID = envelopeID
        self.smtpUTF8 = smtpUTF8
        self.bodyType = bodyType
        self.authenticatedUser = authenticatedUser
        self.clientAddress = clientAddress
        self.heloName = heloName
        self.hopCount = hopCount
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static let decoder = JSONDecoder()

    public func encoded() throws -> Data { try Self.encoder.encode(self) }
    public static func decode(_ data: Data) throws -> SpoolEnvelope { try decoder.decode(SpoolEnvelope.self, from: data) }
}
