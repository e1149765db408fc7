/// NOTIFY (RFC 5465 §3.1, §8): `NOTIFY NONE` or `NOTIFY SET [STATUS] event-groups`.
public enum IMAPNotifyCommand: Hashable, Sendable {
    case none
    /// `status`: the STATUS indicator (§3.1: a STATUS response for each watched mailbox
    /// before the tagged OK).
    case set(status: Bool, groups: [IMAPNotifyEventGroup])
}

/// `event-group = "(" filter-mailboxes SP events ")"`.
public struct IMAPNotifyEventGroup: Hashable, Sendable {
    public var filter: IMAPNotifyFilter
    /// Empty for `NONE` (§8: "the client does not wish to receive any events for the
    /// specified mailboxes").
    public var events: [IMAPNotifyEvent]

    public init(filter: IMAPNotifyFilter, events: [IMAPNotifyEvent]) {
        self.filter = filter
        self.events = events
    }
}

/// `filter-mailboxes` (§6).
public enum IMAPNotifyFilter: Hashable, Sendable {
    case selected
    /// §6.1.2: expunges wait for a command that may report them.
    case selectedDelayed
    case inboxes
    case personal
    case subscribed
    /// §6.5: the mailboxes and everything below them.
    case subtree([IMAPMailboxName])
    /// §6.6: exactly these names, no wildcard expansion.
    case mailboxes([IMAPMailboxName])

    /// SELECTED and SELECTED-DELAYED: they apply to the selected mailbox only.
    public var isSelected: Bool { self == .selected || self == .selectedDelayed }
}

/// `event` (§5, §8).
public enum IMAPNotifyEvent: Hashable, Sendable {
    /// With the fetch-atts to send for each new message (SELECTED only).
    case messageNew([IMAPFetchAttribute])
    case messageExpunge
    case flagChange
    case annotationChange
    case mailboxName
    case subscriptionChange
    case mailboxMetadataChange
    case serverMetadataChange
    /// `event-ext = atom`: an event this module does not know, upper case.
    case other(String)

    public var kind: IMAPNotifyEventKind? {
        switch self {
        case .messageNew: return .messageNew
        case .messageExpunge: return .messageExpunge
        case .flagChange: return .flagChange
        case .annotationChange: return .annotationChange
        case .mailboxName: return .mailboxName
        case .subscriptionChange: return .subscriptionChange
        case .mailboxMetadataChange: return .mailboxMetadataChange
        case .serverMetadataChange: return .serverMetadataChange
        case .other: return nil
        }
    }

    /// The name as written in the RFC (for BADEVENT).
    public var name: String {
        switch self {
        case .other(let name): return name
        default: return kind!.rawValue
        }
    }
}

/// The event names of §8 (`event-name`), spelled as there.
public enum IMAPNotifyEventKind: String, Hashable, Sendable, CaseIterable {
    case messageNew = "MessageNew"
    case messageExpunge = "MessageExpunge"
    case flagChange = "FlagChange"
    case annotationChange = "AnnotationChange"
    case mailboxName = "MailboxName"
    case subscriptionChange = "SubscriptionChange"
    case mailboxMetadataChange = "MailboxMetadataChange"
    case serverMetadataChange = "ServerMetadataChange"

    /// `message-event` (§8): only these may follow SELECTED / SELECTED-DELAYED.
    public var isMessageEvent: Bool {
        switch self {
        case .messageNew, .messageExpunge, .flagChange, .annotationChange: return true
        default: return false
        }
    }
}
