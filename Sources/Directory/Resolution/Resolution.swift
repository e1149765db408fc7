import MailCore

/// Who is sending, as far as recipient rules care: internal-only addresses accept mail
/// from local senders only.
public enum SenderContext: Sendable, Hashable {
    /// An unauthenticated client outside the trusted networks (another MTA, a spammer).
    case external
    /// An unauthenticated client in `smtp.trusted_networks`, or local software.
    case localNetwork
    /// A client that logged in with SMTP AUTH.
    case authenticated(user: String)

    var isLocal: Bool { self != .external }
}

/// Where one copy of a message ends up.
public enum FinalDestination: Sendable, Hashable, CustomStringConvertible {
    /// A user's INBOX; `subaddress` is the `+tag` the message was addressed with (for
    /// Sieve's subaddress extension), nil without one.
    case mailbox(user: String, subaddress: String?)
    case publicMailbox(String)
    /// An address of another server: hand it to the outbound queue.
    case external(EmailAddress)
    /// An address of a relay domain: accepted here, passed on to its server.
    case relay(EmailAddress, RelayTarget)

    public var description: String {
        switch self {
        case let .mailbox(user, subaddress):
            return subaddress.map { "mailbox \(user) (+\($0))" } ?? "mailbox \(user)"
        case let .publicMailbox(name): return "public mailbox \(name)"
        case let .external(address): return "external \(address)"
        case let .relay(address, target): return "relay \(address) via \(target.host):\(target.port)"
        }
    }

    /// Two destinations with the same key receive the same copy: the subaddress does not
    /// make a second copy, and addresses compare case-insensitively (server policy for
    /// local parts, RFC 5321 §2.4 for domains).
    var dedupKey: String {
        switch self {
        case let .mailbox(user, _): return "m:" + user
        case let .publicMailbox(name): return "p:" + name
        case let .external(address), let .relay(address, _): return "a:" + (address.localPart + "@" + address.domain).lowercased()
        }
    }
}

/// The outcome of a successful resolution.
public struct ResolvedRecipients: Sendable, Hashable {
    /// Deduplicated, in the order the rules reached them.
    public var destinations: [FinalDestination]
    /// Hidden copies (the domain's "copy inbound" address and `mail.copy_all_to`), never
    /// repeating a destination. A message with several recipients gets the same copies for
    /// each: the caller delivers each destination once per message.
    public var copies: [FinalDestination]
    /// The `+tag` of the address as given, nil without one.
    public var subaddress: String?

    public init(destinations: [FinalDestination], copies: [FinalDestination] = [], subaddress: String? = nil) {
        self.destinations = destinations
        self.copies = copies
        self.subaddress = subaddress
    }
}

/// Why a recipient is refused. `description` is meant for the SMTP reply text.
public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidSyntax(String)
    /// Not a domain of this server (the SMTP layer decides whether the client may relay).
    case domainNotLocal
    case unknownRecipient
    /// An internal address written to from outside.
    case internalOnly
    /// The address exists but is switched off; the text says which.
    case disabled(String)
    /// The address only leads back to itself.
    case loop

    public var description: String {
        switch self {
        case let .invalidSyntax(message): return "invalid address: \(message)"
        case .domainNotLocal: return "this server does not handle mail for that domain"
        case .unknownRecipient: return "no such recipient here"
        case .internalOnly: return "this address only accepts mail from local senders"
        case let .disabled(reason): return reason
        case .loop: return "mail forwarding loop: this address only leads back to itself"
        }
    }

    /// RFC 3463 enhanced status code for the SMTP reply.
    public var enhancedStatusCode: String {
        switch self {
        case .invalidSyntax: return "5.1.3"
        case .domainNotLocal: return "5.7.1"
        case .unknownRecipient: return "5.1.1"
        case .internalOnly: return "5.7.1"
        case .disabled: return "5.2.1"
        case .loop: return "5.4.6"
        }
    }
}

public enum Resolution: Sendable, Hashable {
    case deliver(ResolvedRecipients)
    case refused(Refusal)
}
