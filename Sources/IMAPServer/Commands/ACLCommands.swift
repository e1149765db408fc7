import Durability
import IMAPProtocol
import MailStore

extension IMAPSession {
    /// GETACL (RFC 4314 §3.3): the owner's implicit full rights come first; for a public
    /// mailbox, its owning groups' (SPEC 2) as `$group` identifiers, the form the ACL
    /// uses for groups.
    func getACL(_ tag: String, _ name: IMAPMailboxName) async throws {
        let target = try await access(name, need: "a")
        let store = store, mailbox = target.mailbox, directory = environment.directory
        let entries = try await BlockingIO.run { try store.acl(mailbox) }
        var list: [IMAPACLEntry] = []
        if case .user(let owner) = mailbox.owner { list.append(IMAPACLEntry(identifier: owner, rights: MailStore.allRights)) }
        if mailbox.owner == .publicNamespace {
            let top = String(mailbox.name.split(separator: "/").first ?? "")
            let groups = (try? await BlockingIO.run { try directory.publicMailbox(named: top)?.groups }) ?? nil
            let listed = Set(entries.map(\.identifier))
            list += (groups ?? []).map { "$" + $0 }.filter { !listed.contains($0) }
                .map { IMAPACLEntry(identifier: $0, rights: MailStore.allRights) }
        }
        list += entries.map { IMAPACLEntry(identifier: $0.identifier, rights: $0.rights) }
        await finish(tag, .ok, "GETACL completed", allowExpunge: true, before: [.untagged(.acl(name, list))])
    }

    /// SETACL/DELETEACL (RFC 4314 §3.1–3.2). The owner's own rights cannot be changed.
    func setACL(_ tag: String, _ name: IMAPMailboxName, _ identifier: String, _ change: IMAPRightsModification) async throws {
        let target = try await access(name, need: "a")
        if case .user(let owner) = target.mailbox.owner, owner == identifier {
            throw IMAPCommandFailure(.no, .cannot, "The owner's rights cannot be changed")
        }
        let store = store, mailbox = target.mailbox
        try await BlockingIO.run {
            let current = try store.acl(mailbox).first { $0.identifier == identifier }?.rights ?? ""
            let updated: String
            switch change.mode {
            case .replace: updated = change.rights
            case .add: updated = current + change.rights
            case .remove: updated = current.filter { !MailStore.normalizedRights(change.rights).contains($0) }
            }
            try store.setACL(mailbox, identifier: identifier, rights: MailStore.normalizedRights(updated))
        }
        logAction("acl: box=\(target.location.storeName), identifier=\(identifier), rights=\(change.rights)")
        await finish(tag, .ok, "SETACL completed", allowExpunge: true)
    }

    /// LISTRIGHTS (RFC 4314 §3.7): nothing is required, every right can be granted alone.
    func listRights(_ tag: String, _ name: IMAPMailboxName, _ identifier: String) async throws {
        _ = try await access(name, need: "a")
        await finish(tag, .ok, "LISTRIGHTS completed", allowExpunge: true, before: [
            .untagged(.listRights(name, identifier: identifier, required: "", optional: MailStore.allRights.map { String($0) })),
        ])
    }

    func myRights(_ tag: String, _ name: IMAPMailboxName) async throws {
        let target = try await access(name)
        await finish(tag, .ok, "MYRIGHTS completed", allowExpunge: true,
                     before: [.untagged(.myRights(name, rights: target.rights))])
    }
}
