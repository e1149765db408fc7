import Durability
import Foundation
import IMAPProtocol
import MailStore

/// NOTIFY (RFC 5465): what happens to the selected mailbox goes out between commands as
/// the plan says; events in other mailboxes come from the store's change hub as STATUS
/// and LIST responses.
extension IMAPSession {
    // MARK: Registration

    func startNotify(_ plan: IMAPNotifyPlan) {
        stopNotify()
        notifications.plan = plan
        guard plan.others.contains(where: { !$0.events.isEmpty }) else { return }
        // Notices queue in order; a client that does not read lets the queue fill, and
        // then notifications stop (§5.8).
        let (stream, feed) = AsyncStream.makeStream(of: MailboxNotice.self,
                                                    bufferingPolicy: .bufferingOldest(NotifySessionState.overflowLimit))
        notifications.feed = feed
        notifications.listenerToken = store.changes.observeAll { [weak self] notice in
            if case .dropped = feed.yield(notice), let self {
                Task { await self.notificationOverflow() }
            }
        }
        Task { [weak self] in
            for await notice in stream {
                guard let self else { return }
                await self.noticeArrived(notice)
            }
        }
    }

    func stopNotify() {
        if let token = notifications.listenerToken { store.changes.stopObservingAll(token: token) }
        notifications.feed?.finish()
        notifications.feed = nil
        notifications.listenerToken = nil
        notifications.plan = nil
        notifications.pending = []
        notifications.known = [:]
        notifications.mailboxes = [:]
    }

    /// §5.8: "behave as if a NOTIFY NONE command had just been received".
    func notificationOverflow() async {
        guard notifications.plan != nil else { return }
        stopNotify()
        await sink.send([.untagged(.condition(.ok, code: .other("NOTIFICATIONOVERFLOW", nil),
                                              text: "Too many notifications, NOTIFY is off"))])
    }

    /// The notice that `name` changed, for the other sessions' NOTIFY.
    func announce(_ change: MailboxNameChange, owner: MailboxOwner) {
        store.changes.announce(.mailboxName(owner: owner, change: change, origin: notifications.sessionID))
    }

    func announceSubscription(_ name: String) {
        store.changes.announce(.subscription(user: userName, name: name, origin: notifications.sessionID))
    }

    // MARK: Delivery

    func noticeArrived(_ notice: MailboxNotice) async {
        guard notifications.plan != nil else { return }
        notifications.pending.append(notice)
        // A client that does not read holds the writer (`flushing`) while notices pile up.
        if notifications.pending.count > NotifySessionState.overflowLimit {
            await notificationOverflow()
            return
        }
        await flushNotifications()
    }

    /// After a command: what waited while it ran goes out now.
    func betweenCommands() async {
        if notifications.selectedPoked {
            notifications.selectedPoked = false
            await mailboxChanged()
        }
        await flushNotifications()
    }

    /// Sends what waits, unless a command is running (its end calls this again).
    func flushNotifications() async {
        guard notifications.plan != nil, !notifications.inCommand, !notifications.flushing else { return }
        notifications.flushing = true
        while !notifications.pending.isEmpty, notifications.plan != nil, !notifications.inCommand {
            let batch = notifications.pending
            notifications.pending = []
            let responses = await responses(for: batch)
            if !responses.isEmpty { await sink.send(responses) }
        }
        notifications.flushing = false
    }

    /// How changes to the selected mailbox go out when the hub pokes: nil to leave them
    /// for the end of the next command, else whether expunges may go too.
    func selectedPushAllowsExpunge() -> Bool? {
        guard let plan = notifications.plan else { return idleTag != nil ? true : nil }
        // §4: in IDLE "exactly the same events as instructed by the client using NOTIFY".
        guard let selected = plan.selected, !selected.events.isEmpty else { return nil }
        if notifications.inCommand {
            // The command may have read the mailbox before this change: look again after it.
            notifications.selectedPoked = true
            return nil
        }
        // §6.1.2: SELECTED-DELAYED holds expunges until a command may report them.
        return idleTag != nil || !selected.delayed
    }

    /// Drops the flag updates of messages the client already knew when it did not ask for
    /// FlagChange on the selected mailbox (§3.1).
    func withoutUnwantedFlagChanges(_ responses: [IMAPResponse], knownUpTo maxUID: UInt32) -> [IMAPResponse] {
        guard let plan = notifications.plan, plan.selected?.events.contains(.flagChange) != true else { return responses }
        return responses.filter { response in
            guard case .untagged(.fetch(_, let items)) = response else { return true }
            let flagOnly = items.allSatisfy { item in
                switch item {
                case .uid, .flags, .modSeq: return true
                default: return false
                }
            }
            let old = items.contains { if case .uid(let uid) = $0 { return uid <= maxUID }; return false }
            return !(flagOnly && old)
        }
    }

    /// §5.2: after EXISTS, a FETCH of MessageNew's attributes for each new message.
    func newMessageFetches(after previousMaxUID: UInt32) async -> [IMAPResponse] {
        guard let selectedPlan = notifications.plan?.selected, selectedPlan.events.contains(.messageNew),
              !selectedPlan.fetchAttributes.isEmpty, let state = selected, state.maxUID > previousMaxUID else { return [] }
        var attributes = selectedPlan.fetchAttributes
        if !attributes.contains(.uid) { attributes.insert(.uid, at: 0) }
        let store = store, mailbox = state.mailbox, viewer = flagViewer
        let range = (previousMaxUID + 1)...state.maxUID
        guard let records = await noticeRead("new messages", { try store.messages(in: mailbox.id, uids: range, viewer: viewer) }) else {
            return []
        }
        let needsContent = attributes.contains(where: \.needsMessageContent)
        var responses: [IMAPResponse] = []
        for record in records {
            guard let seq = state.sequence(of: record.uid),
                  let items = try? await fetchItems(attributes, record, recent: state.isRecent(record.uid),
                                                    needsContent: needsContent, held: nil) else { continue }
            responses.append(.untagged(.fetch(UInt32(seq), items)))
        }
        return responses
    }

    /// A store read for a notice: on failure the notice is dropped and the error logged
    /// (the client still learns of the change at its next command or STATUS).
    private func noticeRead<T: Sendable>(_ what: String, _ read: @escaping @Sendable () throws -> T) async -> T? {
        do {
            return try await BlockingIO.run(read)
        } catch {
            logger.warning("imap(\(user?.name ?? "-")): NOTIFY: cannot read \(what): \(error)")
            return nil
        }
    }

    // MARK: Other mailboxes

    private func responses(for notices: [MailboxNotice]) async -> [IMAPResponse] {
        var contents = Set<Int64>()
        var names: [MailboxNotice] = []
        for notice in notices {
            switch notice {
            case .contents(let ids): contents.formUnion(ids)
            case .mailboxName(_, _, let origin), .subscription(_, _, let origin):
                // §5: not for the client's own CREATE, RENAME, SUBSCRIBE…
                if origin != notifications.sessionID { names.append(notice) }
            }
        }
        var responses: [IMAPResponse] = []
        if !names.isEmpty {
            notifications.mailboxes = [:]
            responses += await listUpdates(names)
        }
        if !contents.isEmpty { responses += await statusUpdates(contents) }
        return responses
    }

    /// `* STATUS` for the watched mailboxes among `ids` whose counters changed (§5.1-5.3).
    private func statusUpdates(_ ids: Set<Int64>) async -> [IMAPResponse] {
        guard let plan = notifications.plan, let user else { return [] }
        let store = store, me = user.name
        // Every delivery reaches here: read the subscriptions only when a filter needs them.
        let subscribed = plan.watchesSubscribed ? Set(await noticeRead("subscriptions", { try store.subscriptions(user: me) }) ?? []) : []
        var responses: [IMAPResponse] = []
        for id in ids.sorted() where id != selected?.mailbox.id {
            guard let mailbox = await notifiedMailbox(id) else { continue }
            let name = MailboxLocation.imapName(of: mailbox, for: me)
            let target = IMAPNotifyMailbox(name: IMAPMailboxName(decoded: name), isPersonal: mailbox.owner == .user(me),
                                           isSubscribed: subscribed.contains(name))
            let events = plan.events(for: target).filter(\.isMessageEvent)
            // §5: every event needs the `l` and `r` rights.
            guard !events.isEmpty, let location = MailboxLocation.locate(name),
                  let rights = try? await self.rights(on: mailbox, location), rights.contains("l"), rights.contains("r") else { continue }
            let viewer = flagViewer(for: location)
            guard let status = await noticeRead("status of \(name)", { try store.status(mailbox, viewer: viewer) }) else { continue }
            let values = NotifyStatusChange.values(from: notifications.known[id], to: status, events: events,
                                                   condStore: condStoreActive || qResyncEnabled)
            notifications.known[id] = status
            if !values.isEmpty { responses.append(.untagged(.status(target.name, values))) }
        }
        return responses
    }

    private func notifiedMailbox(_ id: Int64) async -> Mailbox? {
        if let known = notifications.mailboxes[id] { return known }
        let store = store
        guard let found = await noticeRead("mailbox \(id)", { try store.mailbox(id: id) }), let mailbox = found else { return nil }
        // Every mailbox on the server passes here: keep the cache small.
        if notifications.mailboxes.count >= 1024 { notifications.mailboxes = [:] }
        notifications.mailboxes[id] = mailbox
        return mailbox
    }

    /// `* LIST` for mailbox names created, deleted, renamed (§5.4) or (un)subscribed (§5.5).
    private func listUpdates(_ notices: [MailboxNotice]) async -> [IMAPResponse] {
        guard let plan = notifications.plan, let user else { return [] }
        let store = store, me = user.name
        let entries: [String: ListEntry]
        do {
            entries = try await visibleMailboxes()
        } catch {
            logger.warning("imap(\(me)): NOTIFY: cannot list mailboxes, LIST notices dropped: \(error)")
            return []
        }
        let subscribed = Set(await noticeRead("subscriptions", { try store.subscriptions(user: me) }) ?? [])
        var responses: [IMAPResponse] = []
        func wants(_ event: IMAPNotifyEventKind, _ name: String, personal: Bool) -> Bool {
            plan.events(for: IMAPNotifyMailbox(name: IMAPMailboxName(decoded: name), isPersonal: personal,
                                               isSubscribed: subscribed.contains(name))).contains(event)
        }
        for notice in notices {
            switch notice {
            case .mailboxName(let owner, let change, _):
                let personal = owner == .user(me)
                func visibleName(_ storeName: String) -> String {
                    switch owner {
                    case .user(let other) where other == me: return storeName
                    case .user(let other): return "\(MailboxLocation.otherUsersPrefix)/\(other)/\(storeName)"
                    case .publicNamespace: return "\(MailboxLocation.publicPrefix)/\(storeName)"
                    }
                }
                var affected: [(name: String, oldName: String?)] = []
                switch change {
                case .created(let name), .deleted(let name):
                    // §5.4: "the mailbox itself and its direct parent … are considered to
                    // be affected".
                    let full = visibleName(name)
                    affected.append((full, nil))
                    if let cut = name.lastIndex(of: "/") { affected.append((visibleName(String(name[..<cut])), nil)) }
                case .renamed(let from, let to):
                    // §5.4: one extended LIST with OLDNAME; none for the children.
                    affected.append((visibleName(to), visibleName(from)))
                }
                for (name, oldName) in affected where wants(.mailboxName, name, personal: personal) {
                    // Others' mailboxes only while this user may see them (§5.4 "accessible").
                    guard personal || entries[name] != nil || oldName != nil else { continue }
                    responses.append(listResponse(name, entries, subscribed, oldName: oldName))
                }
            case .subscription(let owner, let name, _):
                guard owner == me, wants(.subscriptionChange, name, personal: MailboxLocation.locate(name)?.kind == .personal) else { continue }
                responses.append(listResponse(name, entries, subscribed, oldName: nil))
            case .contents:
                continue
            }
        }
        return responses
    }

    /// A LIST line with the attributes computed as LIST does (§5.5: "all mailbox
    /// attributes MUST be accurately computed").
    private func listResponse(_ name: String, _ entries: [String: ListEntry], _ subscribed: Set<String>,
                              oldName: String?) -> IMAPResponse {
        var attributes: [String] = []
        if let entry = entries[name] {
            if !entry.selectable { attributes.append(IMAPMailboxAttribute.noSelect) }
            let hasChildren = entries.keys.contains { $0.hasPrefix(name + "/") }
            attributes.append(hasChildren ? IMAPMailboxAttribute.hasChildren : IMAPMailboxAttribute.hasNoChildren)
        } else {
            attributes.append(IMAPMailboxAttribute.nonExistent)
        }
        if subscribed.contains(name) { attributes.append(IMAPMailboxAttribute.subscribed) }
        return .untagged(.list(IMAPListItem(attributes: attributes, name: IMAPMailboxName(decoded: name),
                                            oldName: oldName.map(IMAPMailboxName.init(decoded:)))))
    }
}
