import Directory
import Intake
import MailCore
import SMTPProtocol
import Spool
import MailStore

/// The server's answers to the SMTP session's questions about senders and recipients:
/// relay rights (never an open relay), directory lookups, internal-only addresses,
/// quota, and the sender/login match. Blocking (SQLite): called through `BlockingIO`.
struct SMTPPolicy: Sendable {
    let directory: any MailDirectory
    let store: any MailStorage

    /// Where an accepted recipient's copies go: its own destinations and hidden copies.
    struct RecipientVerdict: Sendable {
        var decision: SMTPPolicyDecision
        var deliveries: [SpoolDelivery] = []
    }

    static let relayDenied = SMTPReply(554, "5.7.1", "Relay access denied")

    func checkSender(_ envelope: SMTPEnvelope, settings: SMTPServerSettings) throws -> SMTPPolicyDecision {
        guard settings.enforceSenderLoginMatch, let user = envelope.authenticatedUser,
              let sender = envelope.reversePath.mailbox else { return .accept }
        guard try directory.isSenderAllowed(sender.description, forUser: user) else {
            return .reject(SMTPReply(553, "5.7.1", "Sender address rejected: not owned by user \(user)"))
        }
        return .accept
    }

    func checkRecipient(_ recipient: SMTPRecipient, _ envelope: SMTPEnvelope,
                        settings: SMTPServerSettings) throws -> RecipientVerdict {
        guard let address = recipient.path.mailbox else {
            // `<postmaster>` without a domain (RFC 5321 §4.1.1.3) is the server's own and
            // must be accepted (§4.5.1): the directory gives it to the administrators (or
            // to an all-domain `postmaster` alias) whatever the host name.
            return try resolveLocal("postmaster", recipient, envelope, settings)
        }
        return try resolveLocal(address.description, recipient, envelope, settings)
    }

    private func senderContext(_ envelope: SMTPEnvelope, _ settings: SMTPServerSettings) -> SenderContext {
        if let user = envelope.authenticatedUser { return .authenticated(user: user) }
        return settings.isTrusted(envelope.client.remoteAddress) ? .localNetwork : .external
    }

    private func resolveLocal(_ address: String, _ recipient: SMTPRecipient, _ envelope: SMTPEnvelope,
                              _ settings: SMTPServerSettings) throws -> RecipientVerdict {
        switch try directory.resolve(address, sender: senderContext(envelope, settings)) {
        case .deliver(let resolved):
            if let full = try fullMailbox(resolved) {
                return RecipientVerdict(decision: .reject(SMTPReply(452, "4.2.2", "Mailbox full: \(full)")))
            }
            let own = resolved.destinations.map { delivery($0, for: recipient) }
            let copies = resolved.copies.map { SpoolDelivery(target: SpoolTarget($0), recipient: nil, notify: ["NEVER"]) }
            return RecipientVerdict(decision: .accept, deliveries: own + copies)
        case .refused(.domainNotLocal):
            return try relay(address, recipient, envelope, settings)
        case .refused(let refusal):
            let code = refusal.enhancedStatusCode
            let reply = SMTPReply(code.hasPrefix("4") ? 450 : 550, SMTPEnhancedStatusCode(parsing: code),
                                  "<\(address)>: Recipient address rejected: \(refusal.description)")
            return RecipientVerdict(decision: .reject(reply))
        }
    }

    /// A domain that is not ours: only authenticated clients and the relay networks may
    /// send there. Routing tricks never get this far as relays: `user%remote@ours` and
    /// `remote!user@ours` are local parts of our domain (and unknown there), a source
    /// route is dropped by the session (RFC 5321 §3.6.1), and address literals are refused.
    private func relay(_ address: String, _ recipient: SMTPRecipient, _ envelope: SMTPEnvelope,
                       _ settings: SMTPServerSettings) throws -> RecipientVerdict {
        let mayRelay = envelope.authenticatedUser != nil || settings.mayRelayWithoutAuth(envelope.client.remoteAddress)
        guard mayRelay, let mailbox = recipient.path.mailbox, !mailbox.isAddressLiteral else {
            return RecipientVerdict(decision: .reject(Self.relayDenied))
        }
        // SPEC §3 "hidden copy of all messages" covers outbound mail too (an unreadable
        // directory is a temporary failure, never a message without its copy).
        let copies = try directory.copyAllDestinations().map {
            SpoolDelivery(target: SpoolTarget($0), recipient: nil, notify: ["NEVER"])
        }
        return RecipientVerdict(decision: .accept,
                                deliveries: [delivery(.external(mailbox), for: recipient)] + copies)
    }

    /// The first user mailbox among the destinations that is over its quota, if the
    /// recipient is that user alone (a group's full member is deferred at delivery).
    private func fullMailbox(_ resolved: ResolvedRecipients) throws -> String? {
        guard resolved.destinations.count == 1, case .mailbox(let user, _) = resolved.destinations[0],
              let limit = try directory.effectiveQuota(forUser: user) else { return nil }
        return try store.usage(of: .user(user)).bytes >= limit ? user : nil
    }

    private func delivery(_ destination: FinalDestination, for recipient: SMTPRecipient) -> SpoolDelivery {
        SpoolDelivery(target: SpoolTarget(destination),
                      recipient: recipient.path.mailbox?.description ?? "postmaster",
                      notify: recipient.notify.map(Self.notifyKeywords),
                      originalRecipient: recipient.originalRecipient?.rawValue)
    }

    static func notifyKeywords(_ notify: DSNNotify) -> [String] {
        switch notify {
        case .never: return ["NEVER"]
        case .on(let events):
            var words: [String] = []
            if events.contains(.success) { words.append("SUCCESS") }
            if events.contains(.failure) { words.append("FAILURE") }
            if events.contains(.delay) { words.append("DELAY") }
            return words
        }
    }
}
