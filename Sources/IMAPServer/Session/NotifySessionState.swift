import Foundation
import IMAPProtocol
import MailStore

/// A session's NOTIFY (RFC 5465) bookkeeping.
struct NotifySessionState: Sendable {
    /// Names this session in the notices it causes, so it is not told of them (§5: "The
    /// server SHOULD omit notifying the client if the event is caused by this client").
    let sessionID = UUID()
    /// Nil before NOTIFY SET and after NOTIFY NONE: only the selected mailbox is reported,
    /// at the end of commands and in IDLE (§3.1).
    var plan: IMAPNotifyPlan?
    /// The `MailboxChangeHub.observeAll` registration while a plan is active.
    var listenerToken: UUID?
    /// Where the hub's notices queue, in order, for the session to read.
    var feed: AsyncStream<MailboxNotice>.Continuation?
    /// True while a command runs: notices wait for its end, so no untagged response
    /// lands inside another command's output.
    var inCommand = false
    /// The selected mailbox changed while a command ran, after the command had read it.
    var selectedPoked = false
    /// True while notices are being written (a slow client may hold the writer).
    var flushing = false
    /// Notices heard and not yet turned into responses.
    var pending: [MailboxNotice] = []
    /// The counters last reported (or read at NOTIFY SET) per watched mailbox, so only
    /// what changed is sent.
    var known: [Int64: MailboxStatus] = [:]
    /// Mailboxes looked up by ID (forgotten when names change).
    var mailboxes: [Int64: Mailbox] = [:]

    /// §5.8: past this many notices waiting for a client that does not read, notifications
    /// stop with NOTIFICATIONOVERFLOW.
    static let overflowLimit = 2000

    /// The events this server can report (§3.1 BADEVENT lists them). No METADATA, so
    /// neither metadata event (§5.6, §5.7); no ANNOTATE, so no AnnotationChange.
    static let supportedEvents: Set<IMAPNotifyEventKind> = [
        .messageNew, .messageExpunge, .flagChange, .mailboxName, .subscriptionChange,
    ]
}
