import Durability
import IMAPProtocol
import MailStore

extension IMAPSession {
    /// NOTIFY SET / NONE (RFC 5465 §3.1).
    func notify(_ tag: String, _ command: IMAPNotifyCommand) async throws {
        guard case .set(let status, let groups) = command else {
            stopNotify()
            await finish(tag, .ok, "NOTIFY NONE completed", allowExpunge: true)
            return
        }
        let plan = IMAPNotifyPlan(groups: groups, status: status)
        let supported = NotifySessionState.supportedEvents
        let unsupported = plan.unsupportedEvents(supported: supported)
        guard unsupported.isEmpty else {
            // §3.1: "MUST refuse the command with a tagged NO response (not a BAD). This
            // response SHOULD contain the BADEVENT response code, which MUST list names of
            // all events supported by the server."
            let names = IMAPNotifyEventKind.allCases.filter(supported.contains).map(\.rawValue)
            throw IMAPCommandFailure(.no, .other("BADEVENT", "(" + names.joined(separator: " ") + ")"),
                                     "Unsupported NOTIFY events: " + unsupported.joined(separator: " "))
        }
        startNotify(plan)
        let responses = try await watchedMailboxStatus(plan)
        // §3.1: "a successful NOTIFY SET command implies an implicit NOOP command".
        await finish(tag, .ok, "NOTIFY completed", allowExpunge: true, before: responses)
    }

    /// Reads the counters of every mailbox the plan watches for message events: the base
    /// later changes are measured against, and (with the STATUS indicator) the STATUS
    /// responses §3.1 asks for. A mailbox the user may LIST but not read gets
    /// `LIST (\NoAccess)` (§3.1).
    private func watchedMailboxStatus(_ plan: IMAPNotifyPlan) async throws -> [IMAPResponse] {
        guard plan.others.contains(where: { group in group.events.contains { $0.kind?.isMessageEvent == true } }) else { return [] }
        let store = store, me = userName
        let entries = try await visibleMailboxes()
        let subscribed = Set(try await BlockingIO.run { try store.subscriptions(user: me) })
        var responses: [IMAPResponse] = []
        for (name, entry) in entries.sorted(by: { $0.key < $1.key }) {
            guard let access = entry.access, access.mailbox.id != selected?.mailbox.id else { continue }
            let wire = IMAPMailboxName(decoded: name)
            let events = plan.events(for: IMAPNotifyMailbox(name: wire, isPersonal: access.location.kind == .personal,
                                                             isSubscribed: subscribed.contains(name))).filter(\.isMessageEvent)
            guard !events.isEmpty else { continue }
            guard access.has("r") else {
                responses.append(.untagged(.list(IMAPListItem(attributes: ["\\NoAccess"], name: wire))))
                continue
            }
            let viewer = flagViewer(for: access.location), mailbox = access.mailbox
            let status = try await BlockingIO.run { try store.status(mailbox, viewer: viewer) }
            notifications.known[mailbox.id] = status
            guard plan.wantsStatus else { continue }
            // §3.1: MessageNew: MESSAGES, UIDNEXT and UIDVALIDITY; FlagChange with
            // CONDSTORE: UIDVALIDITY and HIGHESTMODSEQ.
            var values = [IMAPStatusValue(.messages, UInt64(status.messages)), IMAPStatusValue(.uidNext, UInt64(status.uidNext)),
                          IMAPStatusValue(.uidValidity, UInt64(status.uidValidity))]
            if events.contains(.flagChange), condStoreActive || qResyncEnabled {
                values.append(IMAPStatusValue(.highestModSeq, status.highestModSeq))
            }
            responses.append(.untagged(.status(wire, values)))
        }
        return responses
    }
}
