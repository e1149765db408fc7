/// SELECT/EXAMINE parameters (RFC 7162 §3.1.8, §3.2.5).
public struct IMAPSelectParameters: Hashable, Sendable {
    /// `(CONDSTORE)`: enables CONDSTORE for the session.
    public var condStore: Bool
    public var qResync: IMAPQResyncParameters?

    public init(condStore: Bool = false, qResync: IMAPQResyncParameters? = nil) {
        self.condStore = condStore
        self.qResync = qResync
    }
}

/// `QRESYNC (uidvalidity modseq [known-uids [(seq-match-data)]])` (RFC 7162 §3.2.5).
public struct IMAPQResyncParameters: Hashable, Sendable {
    public var uidValidity: UInt32
    public var modSeq: UInt64
    public var knownUIDs: IMAPSequenceSet?
    /// Known message sequence numbers and the UIDs they correspond to.
    public var sequenceMatch: IMAPSequenceMatch?

    public init(uidValidity: UInt32, modSeq: UInt64, knownUIDs: IMAPSequenceSet? = nil,
                sequenceMatch: IMAPSequenceMatch? = nil) {
        self.uidValidity = uidValidity
        self.modSeq = modSeq
        self.knownUIDs = knownUIDs
        self.sequenceMatch = sequenceMatch
    }
}

/// `seq-match-data` (RFC 7162 §3.2.5.2): sequence numbers and their UIDs, in order.
public struct IMAPSequenceMatch: Hashable, Sendable {
    public var sequenceNumbers: IMAPSequenceSet
    public var uids: IMAPSequenceSet

    public init(sequenceNumbers: IMAPSequenceSet, uids: IMAPSequenceSet) {
        self.sequenceNumbers = sequenceNumbers
        self.uids = uids
    }
}
