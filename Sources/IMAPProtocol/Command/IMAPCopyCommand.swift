/// COPY and MOVE.
public struct IMAPCopyCommand: Hashable, Sendable {
    public var sequenceSet: IMAPSequenceSet
    public var mailbox: IMAPMailboxName
    public var byUID: Bool

    public init(sequenceSet: IMAPSequenceSet, mailbox: IMAPMailboxName, byUID: Bool) {
        self.sequenceSet = sequenceSet
        self.mailbox = mailbox
        self.byUID = byUID
    }
}
