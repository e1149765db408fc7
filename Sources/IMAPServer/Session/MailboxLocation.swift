import MailStore

/// Where an IMAP name points, across the three namespaces Postino announces (RFC 2342):
/// personal (""), other users' mailboxes shared through ACLs ("Shared/USER/…") and the
/// public mailboxes ("Public/NAME/…").
struct MailboxLocation: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case personal
        case otherUser(String)
        case publicMailbox
    }

    var kind: Kind
    /// The name inside its owner's store ("INBOX", "Work/2024", "sales/Old").
    var storeName: String

    static let otherUsersPrefix = "Shared"
    static let publicPrefix = "Public"

    func owner(for user: String) -> MailboxOwner {
        switch kind {
        case .personal: return .user(user)
        case .otherUser(let other): return .user(other)
        case .publicMailbox: return .publicNamespace
        }
    }

    /// Locates a decoded IMAP name; nil for a namespace root itself ("Shared", "Public",
    /// "Shared/bob"), which is not a mailbox.
    static func locate(_ name: String) -> MailboxLocation? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts[0] == otherUsersPrefix {
            guard parts.count >= 3, !parts[1].isEmpty else { return nil }
            return MailboxLocation(kind: .otherUser(parts[1]), storeName: canonical(parts.dropFirst(2).joined(separator: "/")))
        }
        if parts[0] == publicPrefix {
            guard parts.count >= 2, !parts[1].isEmpty else { return nil }
            return MailboxLocation(kind: .publicMailbox, storeName: parts.dropFirst().joined(separator: "/"))
        }
        return MailboxLocation(kind: .personal, storeName: canonical(name))
    }

    /// The IMAP name of a store mailbox as a given user sees it.
    static func imapName(of mailbox: Mailbox, for user: String) -> String {
        switch mailbox.owner {
        case .user(let owner) where owner == user: return mailbox.name
        case .user(let owner): return "\(otherUsersPrefix)/\(owner)/\(mailbox.name)"
        case .publicNamespace: return "\(publicPrefix)/\(mailbox.name)"
        }
    }

    /// INBOX is case-insensitive (RFC 3501 §5.1), also as the first level of a path.
    static func canonical(_ name: String) -> String {
        if name.uppercased() == "INBOX" { return "INBOX" }
        if name.count > 6, name.prefix(6).uppercased() == "INBOX/" { return "INBOX/" + name.dropFirst(6) }
        return name
    }
}
