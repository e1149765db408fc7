import Durability
import Foundation
import IMAPProtocol
import MailStore

extension IMAPSession {
    /// CREATE (RFC 3501 §6.3.3) with USE (RFC 6154 §3). In one's own namespace anyone may
    /// create; elsewhere the `k` right on the parent is needed (RFC 4314 §4).
    func create(_ tag: String, _ name: IMAPMailboxName, _ uses: [String]) async throws {
        let decoded = try decodedName(name.droppingTrailingDelimiter)
        guard let location = MailboxLocation.locate(decoded) else {
            throw IMAPCommandFailure(.no, .cannot, "Cannot create a namespace root")
        }
        guard uses.count <= 1, uses.allSatisfy({ IMAPMailboxAttribute.specialUses.contains($0) }) else {
            throw IMAPCommandFailure(.no, .useAttribute, "Unsupported special-use attribute")
        }
        let newPublicRoot = location.kind == .publicMailbox && !location.storeName.contains("/")
        if newPublicRoot {
            // SPEC 2: a top-level public mailbox from a client, for `imap.public_creators`.
            guard try await mayCreatePublicMailboxes() else {
                throw IMAPCommandFailure(.no, .noPerm, "Permission denied: creating public mailboxes needs imap.public_creators")
            }
        } else if location.kind != .personal {
            let parentName = decoded.split(separator: "/").dropLast().joined(separator: "/")
            guard let parent = MailboxLocation.locate(parentName), case .some = try? await access(IMAPMailboxName(decoded: parentName), need: "k"),
                  parent.kind == location.kind else {
                throw IMAPCommandFailure(.no, .noPerm, "Permission denied: no right to create mailboxes here")
            }
        }
        let store = store, owner = location.owner(for: userName), storeName = location.storeName
        try checkFitsOnDisk(owner: owner, storeName: storeName)
        do {
            let creator = userName
            _ = try await BlockingIO.run {
                let mailbox = try store.createMailbox(owner: owner, name: storeName, specialUse: uses.first)
                // The creator administers it and shares it with SETACL (RFC 4314 `a`).
                if newPublicRoot { try store.setACL(mailbox, identifier: creator, rights: MailStore.allRights) }
            }
        } catch MailboxError.alreadyExists {
            throw IMAPCommandFailure(.no, .alreadyExists, "Mailbox already exists")
        }
        logAction("mailbox_create: box=\(decoded)")
        announce(.created(storeName), owner: owner)
        await finish(tag, .ok, "CREATE completed", allowExpunge: true)
    }

    func delete(_ tag: String, _ name: IMAPMailboxName) async throws {
        let target = try await access(name, need: "x")
        if selected?.mailbox.id == target.mailbox.id {
            stopObserving()
            selected = nil
            selectedLocation = nil
        }
        let store = store, mailbox = target.mailbox
        do {
            try await BlockingIO.run { try store.deleteMailbox(mailbox) }
        } catch MailboxError.cannotDeleteInbox {
            throw IMAPCommandFailure(.no, .cannot, "INBOX cannot be deleted")
        } catch MailboxError.hasChildren {
            throw IMAPCommandFailure(.no, .hasChildren, "Mailbox has children, delete them first")
        }
        // The subscription stays (RFC 3501 §6.3.6: "MUST NOT unilaterally remove an
        // existing mailbox name from the subscription list").
        logAction("mailbox_delete: box=\(target.location.storeName)")
        announce(.deleted(mailbox.name), owner: mailbox.owner)
        await finish(tag, .ok, "DELETE completed", allowExpunge: true)
    }

    func rename(_ tag: String, _ from: IMAPMailboxName, _ to: IMAPMailboxName) async throws {
        let source = try await access(from, need: "x")
        let decodedTarget = try decodedName(to.droppingTrailingDelimiter)
        guard let target = MailboxLocation.locate(decodedTarget), target.kind == source.location.kind else {
            throw IMAPCommandFailure(.no, .cannot, "Mailboxes cannot be renamed across namespaces")
        }
        let store = store, mailbox = source.mailbox
        try checkFitsOnDisk(owner: mailbox.owner, storeName: target.storeName)
        do {
            try await store.renameMailbox(mailbox, to: target.storeName)
        } catch MailboxError.alreadyExists {
            throw IMAPCommandFailure(.no, .alreadyExists, "Mailbox already exists")
        }
        logAction("mailbox_rename: box=\(source.location.storeName), new=\(decodedTarget)")
        announce(.renamed(from: mailbox.name, to: target.storeName), owner: mailbox.owner)
        await finish(tag, .ok, "RENAME completed", allowExpunge: true)
    }

    /// SUBSCRIBE does not require the mailbox to exist (RFC 3501 §6.3.6).
    func subscribe(_ tag: String, _ name: IMAPMailboxName, on: Bool) async throws {
        let decoded = MailboxLocation.canonical(try decodedName(name))
        let store = store, user = userName
        try await BlockingIO.run {
            if on { try store.subscribe(user: user, name: decoded) } else { try store.unsubscribe(user: user, name: decoded) }
        }
        announceSubscription(decoded)
        await finish(tag, .ok, on ? "SUBSCRIBE completed" : "UNSUBSCRIBE completed", allowExpunge: true)
    }

    /// STATUS (RFC 3501 §6.3.10, RFC 7162 HIGHESTMODSEQ, RFC 8438 SIZE, RFC 7889 APPENDLIMIT).
    func status(_ tag: String, _ name: IMAPMailboxName, _ attributes: [IMAPStatusAttribute]) async throws {
        let target = try await access(name, need: "r")
        let leading = attributes.contains(.highestModSeq) ? enableCondStore() : []
        let values = try await statusValues(target, attributes)
        await finish(tag, .ok, "STATUS completed", allowExpunge: true, before: leading + [.untagged(.status(name, values))])
    }

    func statusValues(_ target: Access, _ attributes: [IMAPStatusAttribute]) async throws -> [IMAPStatusValue] {
        let store = store, viewer = flagViewer(for: target.location), mailbox = target.mailbox
        let status = try await BlockingIO.run { try store.status(mailbox, viewer: viewer) }
        if attributes.contains(.highestModSeq) { condStoreActive = true }
        return attributes.map { attribute in
            switch attribute {
            case .messages: return IMAPStatusValue(attribute, UInt64(status.messages))
            case .recent: return IMAPStatusValue(attribute, UInt64(status.recent))
            case .uidNext: return IMAPStatusValue(attribute, UInt64(status.uidNext))
            case .uidValidity: return IMAPStatusValue(attribute, UInt64(status.uidValidity))
            case .unseen: return IMAPStatusValue(attribute, UInt64(status.unseen))
            case .highestModSeq: return IMAPStatusValue(attribute, status.highestModSeq)
            case .size: return IMAPStatusValue(attribute, UInt64(max(0, status.size)))
            case .appendLimit: return IMAPStatusValue(attribute, UInt64(settings.appendLimit))
            case .deleted: return IMAPStatusValue(attribute, UInt64(status.deleted))
            }
        }
    }

    func finish(_ tag: String, _ status: IMAPStatus, code: IMAPResponseCode? = nil, _ text: String,
                allowExpunge: Bool, before: [IMAPResponse]) async {
        var responses = before
        responses += await pendingUpdates(allowExpunge: allowExpunge)
        responses.append(.tagged(tag, status, code: code, text: text))
        await sink.send(responses)
    }
}

extension IMAPSession {
    /// `imap.public_creators`: members of that group, or with the setting empty the
    /// administrator account and users with the admin flag, may create public mailboxes.
    func mayCreatePublicMailboxes() async throws -> Bool {
        guard let user else { return false }
        let group = settings.publicCreators.trimmingCharacters(in: .whitespaces)
        if !group.isEmpty { return user.groups.contains(group) }
        let directory = environment.directory, name = user.name
        return try await BlockingIO.run { try directory.user(named: name)?.isAdministrator ?? false }
    }
}
