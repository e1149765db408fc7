import MailStore

/// What one session believes about its selected mailbox: the message sequence (position →
/// UID), the flags it last reported, the MODSEQ it has seen. Changes made by anyone
/// (other sessions, deliveries, this session) reach it only through `absorb`, which turns
/// the difference into the untagged updates RFC 3501 §7 lets the session send — so
/// sequence numbers stay in step with what the client was told.
struct SelectedMailboxState {
    let mailbox: Mailbox
    let readOnly: Bool
    /// UIDs in sequence order (sequence number n is `uids[n - 1]`).
    private(set) var uids: [UInt32]
    private(set) var known: [UInt32: Known]
    private(set) var highestModSeq: UInt64
    /// The UID ranges that are \Recent in this session (RFC 3501 §2.3.2: in exactly one
    /// session, the first told of the message), ascending: what SELECT claimed and what
    /// each later claim added. An EXAMINE session claims nothing and sees the unclaimed
    /// messages as recent (RFC 3501 §6.3.2: EXAMINE must not take \Recent away).
    private(set) var recentRanges: [Range<UInt32>]
    /// Keywords this session has announced in `* FLAGS` (RFC 3501 §7.2.6), lowercased.
    private(set) var announcedKeywords: Set<String> = []

    struct Known: Equatable {
        var flags: MessageFlags
        var keywords: [String]
        var modSeq: UInt64
    }

    enum Update: Equatable {
        case expunge(sequence: Int)
        /// QRESYNC clients get VANISHED instead of EXPUNGE (RFC 7162 §3.2.10).
        case vanished([UInt32])
        case exists(Int)
        case recent(Int)
        case flags(sequence: Int, uid: UInt32, flags: MessageFlags, keywords: [String], modSeq: UInt64)
    }

    /// With `firstRecentUID`, every UID from there on is \Recent here (EXAMINE); with
    /// `recentUIDs`, only those this session claimed.
    init(mailbox: Mailbox, readOnly: Bool, records: [MessageRecord], highestModSeq: UInt64, firstRecentUID: UInt32) {
        self.init(mailbox: mailbox, readOnly: readOnly, records: records, highestModSeq: highestModSeq,
                  recentUIDs: firstRecentUID..<UInt32.max)
    }

    init(mailbox: Mailbox, readOnly: Bool, records: [MessageRecord], highestModSeq: UInt64, recentUIDs: Range<UInt32>) {
        self.mailbox = mailbox
        self.readOnly = readOnly
        uids = records.map(\.uid)
        known = Dictionary(uniqueKeysWithValues: records.map { ($0.uid, Known(flags: $0.flags, keywords: $0.keywords, modSeq: $0.modSeq)) })
        self.highestModSeq = highestModSeq
        recentRanges = recentUIDs.isEmpty ? [] : [recentUIDs]
    }

    var count: Int { uids.count }
    var recentCount: Int { uids.reduce(0) { $0 + (isRecent($1) ? 1 : 0) } }
    var maxUID: UInt32 { uids.last ?? 0 }

    /// Adds UIDs this session claimed (`MailStore.claimRecentUIDs`).
    mutating func claim(_ range: Range<UInt32>) {
        guard !range.isEmpty else { return }
        if let last = recentRanges.last, last.upperBound >= range.lowerBound, last.lowerBound <= range.lowerBound {
            recentRanges[recentRanges.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
        } else {
            recentRanges.append(range)
            recentRanges.sort { $0.lowerBound < $1.lowerBound }
        }
    }

    /// The keywords among `keywords` this session has not announced yet; they count as
    /// announced from now on (the caller sends `* FLAGS` and PERMANENTFLAGS).
    mutating func announce(_ keywords: [String]) -> Bool {
        var added = false
        for keyword in keywords where announcedKeywords.insert(keyword.lowercased()).inserted {
            announcedNames.append(keyword)
            added = true
        }
        return added
    }

    /// The announced keywords as first spelled, in order of announcement.
    private(set) var announcedNames: [String] = []

    func sequence(of uid: UInt32) -> Int? {
        // UIDs ascend with sequence numbers: binary search.
        var low = 0, high = uids.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if uids[mid] == uid { return mid + 1 }
            if uids[mid] < uid { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }

    func uid(at sequence: Int) -> UInt32? {
        sequence >= 1 && sequence <= uids.count ? uids[sequence - 1] : nil
    }

    func isRecent(_ uid: UInt32) -> Bool {
        var low = 0, high = recentRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if recentRanges[mid].contains(uid) { return true }
            if uid < recentRanges[mid].lowerBound { high = mid - 1 } else { low = mid + 1 }
        }
        return false
    }

    /// Folds in what changed since `highestModSeq`. With `allowExpunge` false (during
    /// FETCH, STORE and SEARCH, RFC 3501 §7.4.1) expunges are held back — and so are new
    /// messages, which would otherwise get sequence numbers behind held-back gaps.
    mutating func absorb(changed: [MessageRecord], expunged: [UInt32], highestModSeq newHighest: UInt64,
                         allowExpunge: Bool, useVanished: Bool) -> [Update] {
        var updates: [Update] = []
        let gone = expunged.filter { known[$0] != nil }
        if !gone.isEmpty && !allowExpunge {
            // Report only flag changes of messages still here; keep the MODSEQ mark so the
            // held-back changes come again next time.
            for record in changed {
                guard let old = known[record.uid], let seq = sequence(of: record.uid) else { continue }
                let now = Known(flags: record.flags, keywords: record.keywords, modSeq: record.modSeq)
                if now != old {
                    known[record.uid] = now
                    updates.append(.flags(sequence: seq, uid: record.uid, flags: record.flags, keywords: record.keywords, modSeq: record.modSeq))
                }
            }
            return updates
        }
        if !gone.isEmpty {
            if useVanished {
                updates.append(.vanished(gone.sorted()))
            }
            // Highest sequence first, so the numbers the client holds stay valid while it
            // applies them (RFC 3501 §7.4.1 example).
            for uid in gone.sorted(by: >) {
                guard let seq = sequence(of: uid) else { continue }
                uids.remove(at: seq - 1)
                known[uid] = nil
                if !useVanished { updates.append(.expunge(sequence: seq)) }
            }
        }
        var added = false
        for record in changed.sorted(by: { $0.uid < $1.uid }) {
            let now = Known(flags: record.flags, keywords: record.keywords, modSeq: record.modSeq)
            if let old = known[record.uid] {
                if old != now, let seq = sequence(of: record.uid) {
                    known[record.uid] = now
                    updates.append(.flags(sequence: seq, uid: record.uid, flags: record.flags, keywords: record.keywords, modSeq: record.modSeq))
                }
            } else if record.uid > maxUID {
                uids.append(record.uid)
                known[record.uid] = now
                added = true
            }
        }
        if added {
            updates.append(.exists(uids.count))
            updates.append(.recent(recentCount))
        }
        highestModSeq = max(highestModSeq, newHighest)
        return updates
    }

    /// The flags and keywords this session last knew for a message.
    func flagsKnown(_ uid: UInt32) -> (flags: MessageFlags, keywords: [String])? {
        known[uid].map { ($0.flags, $0.keywords) }
    }

    /// Records flags this session itself just reported (STORE), so they are not reported
    /// again as someone else's change.
    mutating func noteReported(_ record: MessageRecord) {
        let reported = Known(flags: record.flags, keywords: record.keywords, modSeq: record.modSeq)
        // Written only when it differs: a write to a table shared with the session's copy
        // would copy the whole table (every message of the mailbox) for nothing.
        guard let current = known[record.uid], current != reported else { return }
        known[record.uid] = reported
    }
}
