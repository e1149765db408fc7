/// The result of running a script on one message.
public struct SieveOutcome: Sendable {
    /// The actions in execution order, duplicates merged (RFC 5228 §2.10.3). Empty after
    /// a runtime error.
    public var actions: [SieveAction]
    /// True when no action cancelled the implicit keep (RFC 5228 §2.10.2): store in INBOX
    /// with `implicitKeepFlags`. Always true after a runtime error.
    public var implicitKeep: Bool
    /// The imap4flags internal variable at the end (RFC 5232 §3).
    public var implicitKeepFlags: [String]
    /// The header after editheader changes (RFC 5293), nil when unchanged; see
    /// `SieveHeaderRewriter` to apply it to the message bytes.
    public var editedHeader: [SieveHeaderField]?
    /// Duplicate ids to record once delivery succeeds (RFC 7352).
    public var duplicateMarks: [SieveDuplicateMark]
    /// Why a vacation reply the script asked for is not sent (RFC 5230 §4.5–4.6), if so.
    public var vacationSuppressed: String?
    /// The runtime error, if any: delivery then keeps the message in INBOX.
    public var error: SieveRuntimeError?
    /// Non-fatal problems worth logging (a protected header left alone…).
    public var warnings: [String]

    public init(actions: [SieveAction] = [], implicitKeep: Bool = true, implicitKeepFlags: [String] = [],
                editedHeader: [SieveHeaderField]? = nil, duplicateMarks: [SieveDuplicateMark] = [],
                vacationSuppressed: String? = nil, error: SieveRuntimeError? = nil, warnings: [String] = []) {
        self.actions = actions
        self.implicitKeep = implicitKeep
        self.implicitKeepFlags = implicitKeepFlags
        self.editedHeader = editedHeader
        self.duplicateMarks = duplicateMarks
        self.vacationSuppressed = vacationSuppressed
        self.error = error
        self.warnings = warnings
    }

    /// Everything delivery has to carry out, the implicit keep included as a `.keep`.
    /// An implicit keep after a store into INBOX (`fileinto :copy "INBOX"`) is merged into
    /// that store: one copy, not two (RFC 5228 §2.10.3 "Implementations SHOULD NOT deliver a
    /// message to the same mailbox more than once"), with the flags of both.
    public var deliveryActions: [SieveAction] {
        if error != nil { return [.keep(flags: [])] }
        guard implicitKeep else { return actions }
        let keep = SieveAction.keep(flags: implicitKeepFlags)
        let inInbox = actions.firstIndex { action in
            ActionCollector.storeTarget(action).map { ActionCollector.sameMailbox($0, "INBOX") } ?? false
        }
        guard let existing = inInbox else { return actions + [keep] }
        var merged = actions
        // Not a second keep/fileinto of the script: both flag lists apply (as Pigeonhole).
        merged[existing] = ActionCollector.merge(actions[existing], keep, flags: .union)
        return merged
    }
}
