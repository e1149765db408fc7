extension IMAPCommandParser {
    /// `notify = "NOTIFY" SP (notify-set / notify-none)`,
    /// `notify-set = "SET" [status-indicator] SP event-groups` (RFC 5465 §8). The rules
    /// §5 and §6.1 make BAD are checked here too; unknown events are left to the session
    /// (§3.1: "MUST refuse the command with a tagged NO response (not a BAD)").
    static func parseNotify(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        let form = try c.keyword()
        if form == "NONE" {
            try c.end()
            return .notify(.none)
        }
        guard form == "SET" else { throw IMAPParseFailure("NOTIFY takes SET or NONE") }
        try c.space()
        let status = c.skipWord("STATUS")
        if status { try c.space() }
        var groups: [IMAPNotifyEventGroup] = []
        repeat {
            if !groups.isEmpty { try c.space() }
            groups.append(try eventGroup(&c))
        } while c.peek() == C.space && c.peek(offset: 1) == C.openParen
        try c.end()
        try checkNotifyRules(groups)
        return .notify(.set(status: status, groups: groups))
    }

    private static func eventGroup(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPNotifyEventGroup {
        try c.expect(C.openParen, "an event group")
        let filter = try notifyFilter(&c)
        try c.space()
        var events: [IMAPNotifyEvent] = []
        if !c.skipWord("NONE") {
            events = try c.parenthesized(allowEmpty: false) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPNotifyEvent in
                try notifyEvent(&c)
            }
        }
        try c.expect(C.closeParen, ")")
        return IMAPNotifyEventGroup(filter: filter, events: events)
    }

    private static func notifyFilter(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPNotifyFilter {
        let name = try c.keyword()
        switch name {
        case "SELECTED": return .selected
        case "SELECTED-DELAYED": return .selectedDelayed
        case "INBOXES": return .inboxes
        case "PERSONAL": return .personal
        case "SUBSCRIBED": return .subscribed
        case "SUBTREE", "MAILBOXES":
            // `one-or-more-mailbox = mailbox / many-mailboxes`.
            try c.space()
            let names: [IMAPMailboxName]
            if c.peek() == C.openParen {
                names = try c.parenthesized(allowEmpty: false) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPMailboxName in
                    try c.mailbox()
                }
            } else {
                names = [try c.mailbox()]
            }
            return name == "SUBTREE" ? .subtree(names) : .mailboxes(names)
        default:
            throw IMAPParseFailure("unknown NOTIFY mailbox filter \(String(name.prefix(40)))")
        }
    }

    private static func notifyEvent(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPNotifyEvent {
        let name = try c.keyword()
        switch name {
        case "MESSAGENEW":
            guard c.peek() == C.space, c.peek(offset: 1) == C.openParen else { return .messageNew([]) }
            try c.space()
            let attributes = try c.parenthesized(allowEmpty: false) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPFetchAttribute in
                try parseFetchAttribute(&c)
            }
            return .messageNew(attributes)
        case "MESSAGEEXPUNGE": return .messageExpunge
        case "FLAGCHANGE": return .flagChange
        case "ANNOTATIONCHANGE": return .annotationChange
        case "MAILBOXNAME": return .mailboxName
        case "SUBSCRIPTIONCHANGE": return .subscriptionChange
        case "MAILBOXMETADATACHANGE": return .mailboxMetadataChange
        case "SERVERMETADATACHANGE": return .serverMetadataChange
        default: return .other(name)
        }
    }

    /// The combinations RFC 5465 answers with BAD.
    static func checkNotifyRules(_ groups: [IMAPNotifyEventGroup]) throws(IMAPParseFailure) {
        // §6.1: "Only one of the mailbox specifiers affecting the currently selected
        // mailbox can be specified in any NOTIFY command."
        guard groups.filter({ $0.filter.isSelected }).count <= 1 else {
            throw IMAPParseFailure("only one of SELECTED and SELECTED-DELAYED may be given")
        }
        for group in groups {
            let kinds = Set(group.events.compactMap(\.kind))
            if group.filter.isSelected, kinds.contains(where: { !$0.isMessageEvent }) {
                // §6.1: "It is an error to specify other types of events with either the
                // SELECTED or the SELECTED-DELAYED selector."
                throw IMAPParseFailure("only message events may follow SELECTED")
            }
            if !group.filter.isSelected, group.events.contains(where: { if case .messageNew(let a) = $0 { return !a.isEmpty }; return false }) {
                // §8: "The fett-att list may only be present for the SELECTED/SELECTED-DELAYED
                // mailbox filter".
                throw IMAPParseFailure("MessageNew fetch attributes are for SELECTED only")
            }
            // §5: MessageNew and MessageExpunge together, and both with FlagChange or
            // AnnotationChange, "Otherwise, the server MUST respond with the tagged BAD".
            if kinds.contains(.messageNew) != kinds.contains(.messageExpunge) {
                throw IMAPParseFailure("MessageNew and MessageExpunge must be given together")
            }
            if (kinds.contains(.flagChange) || kinds.contains(.annotationChange)) && !kinds.contains(.messageNew) {
                throw IMAPParseFailure("FlagChange and AnnotationChange need MessageNew and MessageExpunge")
            }
        }
    }
}
