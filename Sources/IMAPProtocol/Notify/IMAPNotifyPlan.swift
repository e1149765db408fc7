/// A NOTIFY SET resolved for lookups: which events a mailbox gets (RFC 5465 §6). Pure, so
/// the session only supplies what it knows of each mailbox.
public struct IMAPNotifyPlan: Hashable, Sendable {
    /// The SELECTED / SELECTED-DELAYED group.
    public struct Selected: Hashable, Sendable {
        public var events: Set<IMAPNotifyEventKind>
        /// MessageNew's fetch-atts (§5.2: sent in a FETCH after EXISTS).
        public var fetchAttributes: [IMAPFetchAttribute]
        /// §6.1.2: expunges wait for a command that may report them.
        public var delayed: Bool
    }

    /// Nil when neither SELECTED nor SELECTED-DELAYED was given, "the same as specifying
    /// SELECTED NONE" (§3.1).
    public var selected: Selected?
    /// The groups for other mailboxes, in the client's order.
    public var others: [IMAPNotifyEventGroup]
    /// The STATUS indicator.
    public var wantsStatus: Bool
    /// Every group as given.
    public var groups: [IMAPNotifyEventGroup]

    public init(groups: [IMAPNotifyEventGroup], status: Bool) {
        wantsStatus = status
        self.groups = groups
        others = groups.filter { !$0.filter.isSelected }
        selected = groups.first(where: { $0.filter.isSelected }).map { group in
            var fetch: [IMAPFetchAttribute] = []
            for case .messageNew(let attributes) in group.events { fetch += attributes }
            return Selected(events: Set(group.events.compactMap(\.kind)), fetchAttributes: fetch,
                            delayed: group.filter == .selectedDelayed)
        }
    }

    /// The names of the requested events not in `supported`, for NO [BADEVENT] (§3.1).
    public func unsupportedEvents(supported: Set<IMAPNotifyEventKind>) -> [String] {
        var names: [String] = []
        for group in groups {
            for event in group.events where event.kind.map({ !supported.contains($0) }) ?? true {
                if !names.contains(event.name) { names.append(event.name) }
            }
        }
        return names
    }

    /// The events the client asked for on a mailbox other than the selected one, or the
    /// non-message events of the selected one (§3.1: "Message-related notifications
    /// returned for the currently selected mailbox will be those specified by the
    /// SELECTED/SELECTED-DELAYED mailbox specifier").
    public func events(for mailbox: IMAPNotifyMailbox) -> Set<IMAPNotifyEventKind> {
        var events: Set<IMAPNotifyEventKind> = []
        for group in others where Self.matches(group.filter, mailbox) {
            events.formUnion(group.events.compactMap(\.kind))
        }
        if mailbox.isSelected { events = events.filter { !$0.isMessageEvent } }
        return events
    }

    /// Whether a SUBSCRIBED group needs the subscription list to place mailboxes.
    public var watchesSubscribed: Bool { others.contains { $0.filter == .subscribed } }

    /// Whether any group could want `kind` for some mailbox other than the selected one.
    public func mayWant(_ kind: IMAPNotifyEventKind) -> Bool {
        others.contains { group in group.events.contains { $0.kind == kind } }
    }

    static func matches(_ filter: IMAPNotifyFilter, _ mailbox: IMAPNotifyMailbox) -> Bool {
        switch filter {
        case .selected, .selectedDelayed: return false
        // §6.3: "If the IMAP server cannot easily compute this set, it MUST treat
        // 'inboxes' as equivalent to 'personal'" — Sieve may file mail into any of them.
        case .personal, .inboxes: return mailbox.isPersonal
        case .subscribed: return mailbox.isSubscribed
        case .subtree(let roots): return roots.contains { mailbox.name == $0 || mailbox.name.isDescendant(of: $0) }
        // §6.6: "The server MUST NOT do a wildcard expansion."
        case .mailboxes(let names): return names.contains(mailbox.name)
        }
    }
}

/// What the plan needs to know of a mailbox.
public struct IMAPNotifyMailbox: Hashable, Sendable {
    /// The name as the client sees it.
    public var name: IMAPMailboxName
    /// In the user's personal namespace (§6.2).
    public var isPersonal: Bool
    public var isSubscribed: Bool
    /// It is the selected mailbox.
    public var isSelected: Bool

    public init(name: IMAPMailboxName, isPersonal: Bool, isSubscribed: Bool, isSelected: Bool = false) {
        self.name = name
        self.isPersonal = isPersonal
        self.isSubscribed = isSubscribed
        self.isSelected = isSelected
    }
}
