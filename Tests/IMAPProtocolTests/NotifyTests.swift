import Testing
@testable import IMAPProtocol

/// NOTIFY (RFC 5465): the §8 grammar, the rules that make a command BAD, and which events
/// a mailbox gets (§6).
@Suite struct NotifyTests {
    private func box(_ name: String) -> IMAPMailboxName { IMAPMailboxName(encoded: name) }

    // MARK: Grammar

    @Test func parsesSetWithEveryFilter() throws {
        let kind = try parse("a notify set status (selected (MessageNew (uid body.peek[header.fields (from to subject)]) "
                             + "MessageExpunge FlagChange)) (personal (MessageNew MessageExpunge)) (inboxes (MailboxName)) "
                             + "(subscribed NONE) (subtree (Lists \"Other Lists\") (MessageNew MessageExpunge)) "
                             + "(mailboxes inbox (SubscriptionChange)) (subtree Work (MessageNew MessageExpunge))").kind
        let header = IMAPFetchAttribute.bodySection(IMAPSection(text: .headerFields(["from", "to", "subject"])), partial: nil, peek: true)
        #expect(kind == .notify(.set(status: true, groups: [
            IMAPNotifyEventGroup(filter: .selected, events: [.messageNew([.uid, header]), .messageExpunge, .flagChange]),
            IMAPNotifyEventGroup(filter: .personal, events: [.messageNew([]), .messageExpunge]),
            IMAPNotifyEventGroup(filter: .inboxes, events: [.mailboxName]),
            IMAPNotifyEventGroup(filter: .subscribed, events: []),
            IMAPNotifyEventGroup(filter: .subtree([box("Lists"), box("Other Lists")]), events: [.messageNew([]), .messageExpunge]),
            IMAPNotifyEventGroup(filter: .mailboxes([.inbox]), events: [.subscriptionChange]),
            IMAPNotifyEventGroup(filter: .subtree([box("Work")]), events: [.messageNew([]), .messageExpunge]),
        ])))
        #expect(kind.name == "NOTIFY")
        #expect(kind.allowedStates == [.authenticated, .selected])
    }

    @Test func parsesNoneAndUnknownEvents() throws {
        #expect(try parse("a NOTIFY NONE").kind == .notify(.none))
        #expect(try parse("a NOTIFY SET (selected-delayed (MessageNew MessageExpunge))").kind
                == .notify(.set(status: false, groups: [IMAPNotifyEventGroup(filter: .selectedDelayed,
                                                                            events: [.messageNew([]), .messageExpunge])])))
        // `event-ext = atom`: parsed, left to the session to refuse with BADEVENT (§3.1).
        let kind = try parse("a NOTIFY SET (personal (MessageNew MessageExpunge AnnotationChange XFuture))").kind
        guard case .notify(.set(_, let groups)) = kind else { Issue.record("not NOTIFY SET"); return }
        let plan = IMAPNotifyPlan(groups: groups, status: false)
        #expect(plan.unsupportedEvents(supported: [.messageNew, .messageExpunge, .flagChange]) == ["AnnotationChange", "XFUTURE"])
        #expect(plan.unsupportedEvents(supported: Set(IMAPNotifyEventKind.allCases)) == ["XFUTURE"])
    }

    @Test func malformedCommandsAreBad() {
        for text in ["a NOTIFY", "a NOTIFY SET", "a NOTIFY NONE extra", "a NOTIFY SET STATUS",
                     "a NOTIFY SET (personal)", "a NOTIFY SET (personal ())", "a NOTIFY SET (nowhere (MessageNew MessageExpunge))",
                     "a NOTIFY SET (subtree (MessageNew MessageExpunge))", "a NOTIFY SET (personal (MessageNew MessageExpunge)",
                     // §3.1's example omits the parentheses §8 requires around the events.
                     "a NOTIFY SET (selected MessageNew MessageExpunge)",
                     "a NOTIFY GET (personal (MessageNew MessageExpunge))"] {
            #expect(parseError(text) != nil, "\(text)")
        }
    }

    @Test func rulesOfSections5And6AreBad() {
        // §5: MessageNew and MessageExpunge together; FlagChange/AnnotationChange need both.
        #expect(parseError("a NOTIFY SET (selected (MessageNew))")?.message == "MessageNew and MessageExpunge must be given together")
        #expect(parseError("a NOTIFY SET (personal (MessageExpunge))") != nil)
        #expect(parseError("a NOTIFY SET (personal (FlagChange))") != nil)
        #expect(parseError("a NOTIFY SET (personal (AnnotationChange MailboxName))") != nil)
        // §6.1: only message events with SELECTED, and only one SELECTED group.
        #expect(parseError("a NOTIFY SET (selected (MessageNew MessageExpunge MailboxName))")?.message
                == "only message events may follow SELECTED")
        #expect(parseError("a NOTIFY SET (selected (MessageNew MessageExpunge)) (selected-delayed NONE)") != nil)
        // §8: fetch-atts only for SELECTED.
        #expect(parseError("a NOTIFY SET (personal (MessageNew (UID) MessageExpunge))")?.message
                == "MessageNew fetch attributes are for SELECTED only")
        #expect(parseError("a NOTIFY SET (personal (MailboxName SubscriptionChange)) (selected NONE)") == nil)
    }

    @Test func updateTakesFetchAttributes() throws {
        // §7's example: `modifier-update = "UPDATE" [ "(" fetch-att *(SP fetch-att) ")" ]`.
        guard case .search(let search) = try parse("a00 SEARCH RETURN (COUNT UPDATE (UID BODY[HEADER.FIELDS (TO FROM SUBJECT)])) FROM \"boss\"").kind else {
            Issue.record("not SEARCH"); return
        }
        #expect(search.returnOptions == [.count, .update])
        #expect(search.updateFetchAttributes == [.uid, .bodySection(IMAPSection(text: .headerFields(["TO", "FROM", "SUBJECT"])), partial: nil, peek: false)])
        guard case .sort(let sort) = try parse("a UID SORT RETURN (UPDATE (FLAGS)) (SUBJECT) UTF-8 ALL").kind else {
            Issue.record("not SORT"); return
        }
        #expect(sort.updateFetchAttributes == [.flags] && sort.returnOptions == [.update, .all])
        #expect(try parse("a SEARCH RETURN (UPDATE) ALL").kind == .search(IMAPSearchCommand(byUID: false, returnOptions: [.update, .all], key: .all)))
        #expect(parseError("a SEARCH RETURN (UPDATE ()) ALL") != nil)
    }

    // MARK: Filtering

    private func plan(_ text: String) throws -> IMAPNotifyPlan {
        guard case .notify(.set(let status, let groups)) = try parse(text).kind else { throw IMAPParseError(tag: nil, message: "not SET") }
        return IMAPNotifyPlan(groups: groups, status: status)
    }

    @Test func filtersPickTheirMailboxes() throws {
        let p = try plan("a NOTIFY SET (subtree Lists (MessageNew MessageExpunge)) (mailboxes (Misc \"Lists*\") (MailboxName)) "
                         + "(subscribed (SubscriptionChange))")
        func events(_ name: String, personal: Bool = true, subscribed: Bool = false) -> Set<IMAPNotifyEventKind> {
            p.events(for: IMAPNotifyMailbox(name: box(name), isPersonal: personal, isSubscribed: subscribed))
        }
        #expect(events("Lists") == [.messageNew, .messageExpunge])
        #expect(events("Lists/Lemonade/2026") == [.messageNew, .messageExpunge])
        #expect(events("Listsx").isEmpty)                   // not below Lists
        #expect(events("Misc") == [.mailboxName])
        #expect(events("Misc/Sub").isEmpty)                 // §6.6: exactly the names
        #expect(events("Lists*") == [.mailboxName])         // a name, not a pattern
        #expect(events("Listsabc").isEmpty)
        #expect(events("Other", subscribed: true) == [.subscriptionChange])
        #expect(p.selected == nil)
        #expect(p.mayWant(.mailboxName) && !p.mayWant(.flagChange))
        #expect(p.watchesSubscribed)
    }

    @Test func personalInboxesAndTheSelectedMailbox() throws {
        let p = try plan("a NOTIFY SET STATUS (selected-delayed (MessageNew (UID FLAGS) MessageExpunge)) "
                         + "(inboxes (MessageNew MessageExpunge FlagChange)) (personal (MailboxName))")
        #expect(p.wantsStatus && !p.watchesSubscribed)
        #expect(p.selected == IMAPNotifyPlan.Selected(events: [.messageNew, .messageExpunge], fetchAttributes: [.uid, .flags], delayed: true))
        let own = IMAPNotifyMailbox(name: box("Work"), isPersonal: true, isSubscribed: false)
        // §6.3: inboxes is treated as personal.
        #expect(p.events(for: own) == [.messageNew, .messageExpunge, .flagChange, .mailboxName])
        #expect(p.events(for: IMAPNotifyMailbox(name: box("Shared/bob/INBOX"), isPersonal: false, isSubscribed: true)).isEmpty)
        // §3.1: the selected mailbox's message events come from SELECTED alone.
        let selected = IMAPNotifyMailbox(name: .inbox, isPersonal: true, isSubscribed: false, isSelected: true)
        #expect(p.events(for: selected) == [.mailboxName])
    }
}
