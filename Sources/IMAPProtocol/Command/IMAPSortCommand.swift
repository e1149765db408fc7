/// SORT and UID SORT (RFC 5256 §3).
public struct IMAPSortCommand: Hashable, Sendable {
    public var byUID: Bool
    public var criteria: [IMAPSortCriterion]
    /// Upper case; only UTF-8 and US-ASCII get past the parser.
    public var charset: String
    public var key: IMAPSearchKey
    /// ESORT (RFC 5267 §3): answered with `* ESEARCH`, MIN/MAX/ALL in sort order.
    public var returnOptions: [IMAPSearchReturnOption]?
    public var partial: IMAPPartialRange?
    /// RFC 5465 §7 `UPDATE (fetch-att …)`.
    public var updateFetchAttributes: [IMAPFetchAttribute] = []

    public init(byUID: Bool, criteria: [IMAPSortCriterion], charset: String, key: IMAPSearchKey) {
        self.byUID = byUID
        self.criteria = criteria
        self.charset = charset
        self.key = key
    }
}

/// One sort criterion, optionally reversed.
public struct IMAPSortCriterion: Hashable, Sendable {
    public enum Key: String, Hashable, Sendable, CaseIterable {
        case arrival = "ARRIVAL"
        case cc = "CC"
        case date = "DATE"
        case from = "FROM"
        case size = "SIZE"
        case subject = "SUBJECT"
        case to = "TO"
        /// RFC 5957.
        case displayFrom = "DISPLAYFROM"
        case displayTo = "DISPLAYTO"
    }

    public var key: Key
    public var reverse: Bool

    public init(_ key: Key, reverse: Bool = false) {
        self.key = key
        self.reverse = reverse
    }
}
