import MailStore

/// What one session believes about its selected mailbox: the message sequence (position →
/// UID) and the MODSEQ it has seen. Changes made by anyone (other sessions, deliveries,
/// this session) reach it only through `absorb`, which turns the difference into the
/// untagged updates RFC 3501 §7 lets the session send — so sequence numbers stay in step
/// with what the client was told.
///
/// It keeps no flags: every change after `highestModSeq` carries a higher MODSEQ
/// (RFC 7162 §3.1.1), so what changed is found by MODSEQ alone, and only the changes this
/// session has already reported itself (its STORE, its FETCH) are remembered, until the
/// mark passes them. A 100,000-message mailbox costs 400 KB per session, not a table of
/// every message's flags.
struct SelectedMailboxState {
    let mailbox: Mailbox
    let readOnly: Bool
    /// UIDs in sequence order (sequence number n is `uids[n - 1]`).
    private(set) var uids: [UInt32]
    private(set) var highestModSeq: UInt64
    /// MODSEQ of flags this session reported while they were above `highestModSeq`, so
    /// that `absorb` does not report them again as someone else's change.
    private var reported: [UInt32: UInt64] = [:]
    /// The UID ranges that are \Recent in this session (RFC 3501 §2.3.2: in exactly one
    /// session, the first told of the message), ascending: what SELECT claimed and what
    /// each later claim added. An EXAMINE session claims nothing and sees the unclaimed
    /// messages as recent (RFC 3501 §6.3.2: EXAMINE must not take \Recent away).
    private(set) var recentRanges: [Range<UInt32>]
    /// Keywords this session has announced in `* FLAGS` (RFC 3501 §7.2.6), lowercased.
    private(set) var announcedKeywords: Set<String> = []

    enum Update: Equatable {
        case expunge(sequence: Int)
        /// QRESYNC clients get VANISHED instead of EXPUNGE (RFC 7162 §3.2.10).
        case vanished([UInt32])
        case exists(Int)
        case recent(Int)
        case flags(sequence: Int, uid: UInt32, flags: MessageFlags, keywords: [String], modSeq: UInt64)
    }

    /// `uids` ascending; every UID in `recentUIDs` is \Recent here (what SELECT claimed,
    /// or from the first unclaimed UID on for EXAMINE).
    init(mailbox: Mailbox, readOnly: Bool, uids: [UInt32], highestModSeq: UInt64, recentUIDs: Range<UInt32>) {
        self.mailbox = mailbox
        self.readOnly = readOnly
        self.uids = uids
        self.highestModSeq = highestModSeq
        recentRanges = recentUIDs.isEmpty ? [] : [recentUIDs]
    }

    init(mailbox: Mailbox, readOnly: Bool, records: [MessageRecord], highestModSeq: UInt64, firstRecentUID: UInt32) {
        self.init(mailbox: mailbox, readOnly: readOnly, uids: records.map(\.uid), highestModSeq: highestModSeq,
                  recentUIDs: firstRecentUID..<UInt32.max)
    }

    init(mailbox: Mailbox, readOnly: Bool, records: [MessageRecord], highestModSeq: UInt64, recentUIDs: Range<UInt32>) {
        self.init(mailbox: mailbox, readOnly: readOnly, uids: records.map(\.uid), highestModSeq: highestModSeq,
                  recentUIDs: recentUIDs)
    }

    var count: Int { uids.count }
    /// Messages of the sequence inside the recent ranges, counted by binary search.
    var recentCount: Int {
        recentRanges.reduce(0) { $0 + index(atOrAbove: $1.upperBound) - index(atOrAbove: $1.lowerBound) }
    }

    /// The position of the first UID ≥ `uid` (`uids.count` when none is).
    private func index(atOrAbove uid: UInt32) -> Int {
        var low = 0, high = uids.count
        while low < high {
            let mid = (low + high) / 2
            if uids[mid] < uid { low = mid + 1 } else { high = mid }
        }
        return low
    }
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
        let gone = expunged.filter { sequence(of: $0) != nil }
        if !gone.isEmpty && !allowExpunge {
            // Report only flag changes of messages still here; keep the MODSEQ mark so the
            // held-back changes come again next time (`reported` keeps them from being
            // reported twice).
            for record in changed {
                guard let seq = sequence(of: record.uid), reported[record.uid] != record.modSeq else { continue }
                reported[record.uid] = record.modSeq
                updates.append(.flags(sequence: seq, uid: record.uid, flags: record.flags, keywords: record.keywords, modSeq: record.modSeq))
            }
            return updates
        }
        if !gone.isEmpty {
            if useVanished {
                updates.append(.vanished(gone.sorted()))
            }
            // Highest sequence first, so the numbers the client holds stay valid while it
            // applies them (RFC 3501 §7.4.1 example).
            let sequences = gone.compactMap { sequence(of: $0) }.sorted(by: >)
            if !useVanished { updates += sequences.map { .expunge(sequence: $0) } }
            for uid in gone { reported[uid] = nil }
            if sequences.count <= 8 {
                for seq in sequences { uids.remove(at: seq - 1) }
            } else {
                // One pass instead of one shift of the tail per message.
                let removed = Set(gone)
                uids.removeAll { removed.contains($0) }
            }
        }
        var added = false
        for record in changed.sorted(by: { $0.uid < $1.uid }) {
            if let seq = sequence(of: record.uid) {
                // A MODSEQ above the mark is a change this session has not seen, unless it
                // reported it itself (RFC 7162 §3.1.1: every change raises the MODSEQ).
                if reported[record.uid] != record.modSeq {
                    updates.append(.flags(sequence: seq, uid: record.uid, flags: record.flags, keywords: record.keywords, modSeq: record.modSeq))
                }
            } else if record.uid > maxUID {
                uids.append(record.uid)
                added = true
            }
        }
        if added {
            updates.append(.exists(uids.count))
            updates.append(.recent(recentCount))
        }
        highestModSeq = max(highestModSeq, newHighest)
        let mark = highestModSeq
        if !reported.isEmpty { reported = reported.filter { $0.value > mark } }
        return updates
    }

    /// Records flags this session itself just reported (STORE, FETCH), so they are not
    /// reported again as someone else's change. Changes at or below the mark never come
    /// back from the store, so only those above it are kept.
    mutating func noteReported(_ record: MessageRecord) {
        guard record.modSeq > highestModSeq else { return }
        reported[record.uid] = record.modSeq
    }
}
