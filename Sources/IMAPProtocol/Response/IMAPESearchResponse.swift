/// `* ESEARCH` (RFC 4731 §3.1); absent items are omitted (MIN/MAX/ALL when nothing
/// matched).
public struct IMAPESearchResponse: Hashable, Sendable {
    /// The tag of the command it answers.
    public var tag: String?
    public var byUID: Bool
    public var min: UInt32?
    public var max: UInt32?
    public var all: IMAPNumberSet?
    public var count: UInt32?
    /// RFC 7162 §3.1.5.
    public var modSeq: UInt64?
    /// ESORT (RFC 5267 §3): ALL in sort order, written as given.
    public var sortedAll: [UInt32]?
    /// RFC 5267 §4.4: the range asked for and the messages in it (NIL when none).
    public var partialRange: IMAPPartialRange?
    public var partialNumbers: [UInt32] = []
    /// RFC 5267 §4.3.3-4.3.4: ADDTO / REMOVEFROM items, in the order the client applies them.
    public var contextUpdates: [IMAPContextUpdate] = []

    public init(tag: String?, byUID: Bool, min: UInt32? = nil, max: UInt32? = nil, all: IMAPNumberSet? = nil,
                count: UInt32? = nil, modSeq: UInt64? = nil) {
        self.tag = tag
        self.byUID = byUID
        self.min = min
        self.max = max
        self.all = all
        self.count = count
        self.modSeq = modSeq
    }

    /// The answer to `options` for the matching numbers (ascending).
    public init(tag: String?, byUID: Bool, options: [IMAPSearchReturnOption], matches: [UInt32], modSeq: UInt64? = nil) {
        let wanted = options.isEmpty ? [.all] : options
        self.init(tag: tag, byUID: byUID)
        if wanted.contains(.min) { min = matches.min() }
        if wanted.contains(.max) { max = matches.max() }
        if wanted.contains(.all), !matches.isEmpty { all = IMAPNumberSet(matches) }
        if wanted.contains(.count) { count = UInt32(clamping: matches.count) }
        self.modSeq = matches.isEmpty ? nil : modSeq
    }
}
