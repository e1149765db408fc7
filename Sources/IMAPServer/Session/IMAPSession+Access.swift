import Durability
import IMAPProtocol
import MailStore

extension IMAPSession {
    /// A mailbox the user may see, with the user's rights on it.
    struct Access: Sendable {
        var location: MailboxLocation
        var mailbox: Mailbox
        var rights: String

        func has(_ right: Character) -> Bool { rights.contains(right) }
    }

    var userName: String { user?.name ?? "" }

    /// Opens a mailbox by its wire name. Mailboxes the user cannot see are "nonexistent"
    /// (RFC 4314 §4: without `l` the mailbox must not be revealed).
    func access(_ name: IMAPMailboxName, need right: Character = "l") async throws -> Access {
        let decoded = try decodedName(name)
        guard let location = MailboxLocation.locate(decoded) else {
            throw IMAPCommandFailure(.no, .nonexistent, "Mailbox doesn't exist: \(decoded)")
        }
        let owner = location.owner(for: userName)
        let store = store
        guard let mailbox = try await BlockingIO.run({ try store.mailbox(owner: owner, name: location.storeName) }) else {
            throw IMAPCommandFailure(.no, .nonexistent, "Mailbox doesn't exist: \(decoded)")
        }
        let rights = try await self.rights(on: mailbox, location)
        guard rights.contains("l") || rights.contains("r") else {
            throw IMAPCommandFailure(.no, .nonexistent, "Mailbox doesn't exist: \(decoded)")
        }
        guard rights.contains(right) else {
            throw IMAPCommandFailure(.no, .noPerm, "Permission denied (right \(right) needed)")
        }
        return Access(location: location, mailbox: mailbox, rights: rights)
    }

    /// RFC 4314 rights: all of them in one's own mailboxes; in other users' ones the union
    /// of the ACL entries naming the user, `anyone` or one of the user's groups; in public
    /// mailboxes, members of an owning group have all rights (SPEC §2), others what the
    /// ACL gives.
    func rights(on mailbox: Mailbox, _ location: MailboxLocation) async throws -> String {
        guard let user else { return "" }
        switch location.kind {
        case .personal:
            return MailStore.allRights
        case .otherUser, .publicMailbox:
            let store = store, directory = environment.directory
            let entries = try await BlockingIO.run { try store.acl(mailbox) }
            var rights = entries.filter { user.identifiers.contains($0.identifier) }.map(\.rights).joined()
            if case .publicMailbox = location.kind {
                let top = String(mailbox.name.split(separator: "/").first ?? "")
                let owners = (try? await BlockingIO.run { try directory.publicMailbox(named: top)?.groups }) ?? nil
                if let owners, !Set(owners).isDisjoint(with: user.groups) { rights += MailStore.allRights }
            }
            return MailStore.normalizedRights(rights)
        }
    }

    func stopObserving() {
        if let token = observerToken, let mailboxID = observedMailboxID {
            store.changes.stopObserving(mailboxID: mailboxID, token: token)
            store.releaseHeld(mailboxID: mailboxID, uids: nil, session: token)
        }
        observerToken = nil
        observedMailboxID = nil
    }
}
