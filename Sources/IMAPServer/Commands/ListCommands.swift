import Durability
import IMAPProtocol
import MailStore

extension IMAPSession {
    /// One mailbox as LIST sees it.
    struct ListEntry {
        var name: String
        var access: Access?
        var specialUse: String?
        var selectable: Bool { access != nil }
    }

    /// Every mailbox the user can see, by IMAP name, with the namespace roots and other
    /// missing parents as non-selectable entries.
    func visibleMailboxes() async throws -> [String: ListEntry] {
        guard let user else { return [:] }
        let store = store, directory = environment.directory
        let (own, shared, publicBoxes, ownedPublic) = try await BlockingIO.run {
            let owned = try directory.publicMailboxes().filter { !Set($0.groups).isDisjoint(with: user.groups) }.map(\.name)
            for name in owned { try store.ensureMailbox(owner: .publicNamespace, name: name) }
            return (try store.mailboxes(owner: .user(user.name)),
                    try store.sharedMailboxes(visibleTo: user.identifiers),
                    try store.mailboxes(owner: .publicNamespace), owned)
        }
        var entries: [String: ListEntry] = [:]
        for mailbox in own {
            entries[mailbox.name] = ListEntry(name: mailbox.name,
                                              access: Access(location: MailboxLocation(kind: .personal, storeName: mailbox.name),
                                                             mailbox: mailbox, rights: MailStore.allRights),
                                              specialUse: mailbox.specialUse)
        }
        for (mailbox, rights) in shared where mailbox.owner != .user(user.name) && (rights.contains("l") || rights.contains("r")) {
            let name = MailboxLocation.imapName(of: mailbox, for: user.name)
            guard let location = MailboxLocation.locate(name) else { continue }
            entries[name] = ListEntry(name: name, access: Access(location: location, mailbox: mailbox, rights: rights))
        }
        let ownedTop = Set(ownedPublic)
        for mailbox in publicBoxes {
            let name = MailboxLocation.imapName(of: mailbox, for: user.name)
            guard entries[name] == nil, let location = MailboxLocation.locate(name) else { continue }
            let top = String(mailbox.name.split(separator: "/").first ?? "")
            let rights = ownedTop.contains(top) ? MailStore.allRights : try await self.rights(on: mailbox, location)
            guard rights.contains("l") || rights.contains("r") else { continue }
            entries[name] = ListEntry(name: name, access: Access(location: location, mailbox: mailbox, rights: rights))
        }
        // Parents that are not mailboxes themselves (namespace roots, "Shared/bob").
        for name in Array(entries.keys) {
            var parts = name.split(separator: "/").map(String.init)
            while parts.count > 1 {
                parts.removeLast()
                let parent = parts.joined(separator: "/")
                if entries[parent] == nil { entries[parent] = ListEntry(name: parent, access: nil) }
            }
        }
        return entries
    }

    /// LIST with LIST-EXTENDED selection and return options (RFC 5258), LIST-STATUS
    /// (RFC 5819), SPECIAL-USE (RFC 6154) and CHILDREN (RFC 3348).
    func list(_ tag: String, _ command: IMAPListCommand) async throws {
        if command.asksForDelimiter {
            await finish(tag, .ok, "LIST completed", allowExpunge: true, before: [
                .untagged(.list(IMAPListItem(attributes: [IMAPMailboxAttribute.noSelect], name: IMAPMailboxName(encoded: "")))),
            ])
            return
        }
        let patterns = command.mailboxPatterns
        let entries = try await visibleMailboxes()
        let subscribed = Set(try await BlockingIO.run { [store, userName] in try store.subscriptions(user: userName) })
        let selection = Set(command.selectionOptions)
        let returns = command.returnOptions
        // The selection criteria (RFC 5258 §3, RFC 6154 §3) and whether a name meets them.
        let bySubscription = selection.contains(.subscribed), byUse = selection.contains(.specialUse)
        let criteria = (bySubscription ? ["SUBSCRIBED"] : []) + (byUse ? ["SPECIAL-USE"] : [])
        let recursive = selection.contains(.recursiveMatch) && !criteria.isEmpty
        func meets(_ name: String) -> Bool {
            (!bySubscription || subscribed.contains(name)) && (!byUse || entries[name]?.specialUse != nil)
        }
        var names = Set(entries.keys)
        if bySubscription { names.formUnion(subscribed) }
        let meeting = names.filter(meets)
        if recursive {
            // Parents of names that meet the criteria, which RECURSIVEMATCH may list with
            // CHILDINFO.
            for name in meeting {
                var parts = name.split(separator: "/").map(String.init)
                while parts.count > 1 {
                    parts.removeLast()
                    names.insert(parts.joined(separator: "/"))
                }
            }
        }
        var responses: [IMAPResponse] = []
        for name in names.sorted() where patterns.contains(where: { $0.matches(name) }) {
            let entry = entries[name]
            let isSubscribed = subscribed.contains(name)
            var childInfo: [String]?
            if !criteria.isEmpty {
                // RFC 5258 §3.5: CHILDINFO when a descendant meets the selection criteria;
                // a mailbox that does not meet them itself is returned only for a matching
                // descendant the patterns leave out (redundant CHILDINFO is suppressed).
                let meetsItself = meets(name)
                if recursive {
                    let descendants = meeting.filter { $0.hasPrefix(name + "/") }
                    if !descendants.isEmpty, meetsItself
                        || descendants.contains(where: { d in !patterns.contains { $0.matches(d) } }) {
                        childInfo = criteria
                    }
                }
                guard meetsItself || childInfo != nil else { continue }
            }
            var attributes: [String] = []
            if entry == nil {
                // RFC 5258 §3: a name that is no mailbox (a deleted subscribed one, or the
                // parent of one) is \NonExistent, which implies \NoSelect.
                attributes.append(IMAPMailboxAttribute.nonExistent)
            } else if entry?.selectable == false {
                attributes.append(IMAPMailboxAttribute.noSelect)
            }
            let hasChildren = entries.keys.contains { $0.hasPrefix(name + "/") }
            attributes.append(hasChildren ? IMAPMailboxAttribute.hasChildren : IMAPMailboxAttribute.hasNoChildren)
            if let use = entry?.specialUse { attributes.append(use) }
            if returns.subscribed || selection.contains(.subscribed), isSubscribed {
                attributes.append(IMAPMailboxAttribute.subscribed)
            }
            let wire = IMAPMailboxName(decoded: name)
            responses.append(.untagged(.list(IMAPListItem(attributes: attributes, name: wire, childInfo: childInfo))))
            if let statusAttributes = returns.status, let access = entry?.access {
                responses.append(.untagged(.status(wire, try await statusValues(access, statusAttributes))))
            }
            // RFC 8440 §3: MYRIGHTS after the mailbox's LIST, for mailboxes with rights.
            if returns.myRights, let access = entry?.access {
                responses.append(.untagged(.myRights(wire, rights: access.rights)))
            }
        }
        await finish(tag, .ok, "LIST completed", allowExpunge: true, before: responses)
    }

    /// LSUB (RFC 3501 §6.3.9): subscribed names matching the pattern.
    func lsub(_ tag: String, _ reference: String, _ pattern: String) async throws {
        guard let matcher = IMAPMailboxPattern(reference: reference, pattern: pattern) else {
            throw IMAPCommandFailure(.bad, nil, "Pattern too long")
        }
        let entries = try await visibleMailboxes()
        let subscribed = try await BlockingIO.run { [store, userName] in try store.subscriptions(user: userName) }
        let subscribedSet = Set(subscribed)
        var listed: [String: [String]] = [:]
        for name in subscribed where matcher.matches(name) {
            listed[name] = entries[name]?.selectable == true ? [] : [IMAPMailboxAttribute.noSelect]
        }
        // RFC 3501 §6.3.9: "if "foo/bar" … is subscribed but "foo" is not. A "%" wildcard
        // to LSUB must return foo, not foo/bar, in the LSUB response, and it MUST be
        // flagged with the \Noselect attribute" — a parent the pattern matches, listed when
        // none of its subscribed descendants is.
        for name in subscribed {
            var parts = name.split(separator: "/").map(String.init)
            while parts.count > 1 {
                parts.removeLast()
                let parent = parts.joined(separator: "/")
                guard !subscribedSet.contains(parent), listed[parent] == nil, matcher.matches(parent),
                      !subscribed.contains(where: { $0.hasPrefix(parent + "/") && matcher.matches($0) }) else { continue }
                listed[parent] = [IMAPMailboxAttribute.noSelect]
            }
        }
        let responses: [IMAPResponse] = listed.keys.sorted().map { name in
            .untagged(.lsub(IMAPListItem(attributes: listed[name] ?? [], name: IMAPMailboxName(decoded: name))))
        }
        await finish(tag, .ok, "LSUB completed", allowExpunge: true, before: responses)
    }
}
