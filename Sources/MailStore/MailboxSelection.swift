/// What SELECT needs of a mailbox, read together without its records: the UIDs in order,
/// where the first unseen message is, the keywords in use and the counters. A session
/// keeps only the UIDs (see IMAPServer's `SelectedMailboxState`), so a large mailbox is
/// read as integers instead of as a record per message.
public struct MailboxSelection: Sendable, Hashable {
    /// Every UID, ascending.
    public var uids: [UInt32]
    /// Sequence number of the first message without the viewer's \Seen, nil when all are seen.
    public var firstUnseen: Int?
    /// The keywords set on any message, each once (first spelling, by UID).
    public var keywords: [String]
    public var status: MailboxStatus

    public init(uids: [UInt32], firstUnseen: Int?, keywords: [String], status: MailboxStatus) {
        self.uids = uids
        self.firstUnseen = firstUnseen
        self.keywords = keywords
        self.status = status
    }

    /// The selection of a whole snapshot (a store that has its records at hand).
    public init(records: [MessageRecord], status: MailboxStatus) {
        var keywords = KeywordCollector()
        for record in records where !record.keywords.isEmpty { keywords.add(record.keywords) }
        self.init(uids: records.map(\.uid), firstUnseen: records.firstIndex { !$0.flags.contains(.seen) }.map { $0 + 1 },
                  keywords: keywords.names, status: status)
    }
}

/// Distinct keywords, compared without regard to case, in order of first appearance.
struct KeywordCollector {
    private var seen: Set<String> = []
    private(set) var names: [String] = []

    mutating func add<S: Sequence<String>>(_ keywords: S) {
        for keyword in keywords where seen.insert(keyword.lowercased()).inserted { names.append(keyword) }
    }
}
