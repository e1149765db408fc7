/// STORE and UID STORE (RFC 3501 §6.4.6, UNCHANGEDSINCE from RFC 7162 §3.1.3).
public struct IMAPStoreCommand: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        /// `FLAGS`: replace.
        case replace
        /// `+FLAGS`.
        case add
        /// `-FLAGS`.
        case remove
    }

    public var sequenceSet: IMAPSequenceSet
    public var byUID: Bool
    public var unchangedSince: UInt64?
    public var action: Action
    /// `.SILENT`: no untagged FETCH for the new flags.
    public var silent: Bool
    /// Validated: storable system flags and keywords only.
    public var flags: [IMAPFlag]

    public init(sequenceSet: IMAPSequenceSet, byUID: Bool, unchangedSince: UInt64? = nil, action: Action,
                silent: Bool, flags: [IMAPFlag]) {
        self.sequenceSet = sequenceSet
        self.byUID = byUID
        self.unchangedSince = unchangedSince
        self.action = action
        self.silent = silent
        self.flags = flags
    }
}
