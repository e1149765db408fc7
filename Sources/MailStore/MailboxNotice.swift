import Foundation

/// What a watcher of every mailbox hears (IMAP NOTIFY, RFC 5465: events in mailboxes other
/// than the selected one). The watcher asks the store for the details.
public enum MailboxNotice: Hashable, Sendable {
    /// Messages were added, removed or had their flags changed in these mailboxes.
    case contents(Set<Int64>)
    /// A mailbox was created, deleted or renamed (names as in the owner's store).
    /// `origin`: the session that did it, which is not told (RFC 5465 §5).
    case mailboxName(owner: MailboxOwner, change: MailboxNameChange, origin: UUID?)
    /// A user subscribed to or unsubscribed from a name.
    case subscription(user: String, name: String, origin: UUID?)
}

public enum MailboxNameChange: Hashable, Sendable {
    case created(String)
    case deleted(String)
    /// Its children were renamed with it.
    case renamed(from: String, to: String)
}
