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
    /// UIDs at or above this are \Recent in this session.
    let firstRecentUID: UInt32

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

    init(mailbox: Mailbox, readOnly: Bool, records: [MessageRecord], highestModSeq: UInt64, firstRecentUID: UInt32) {
        self.mailbox = mailbox
        self.readOnly = readOnly
        uids = records.map(\.uid)
        known = Dictionary(uniqueKeysWithValues: records.map { ($0.uid, Known(flags: $0.flags, keywords: $0.keywords, modSeq: $0.modSeq)) })
        self.highestModSeq = highestModSeq
        self.firstRecentUID = firstRecentUID
    }

    var count: Int { uids.count }
    var recentCount: Int { uids.filter { $0 >= firstRecentUID }.count }
    var maxUID: UInt32 { uids.last ?? 0 }

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

    func isRecent(_ uid: UInt32) -> Bool { uid >= firstRecentUID }

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

    /// Records flags this session itself just reported (STORE), so they are not reported
    /// again as someone else's change.
    mutating func noteReported(_ record: MessageRecord) {
        guard known[record.uid] != nil else { return }
        known[record.uid] = Known(flags: record.flags, keywords: record.keywords, modSeq: record.modSeq)
    }
}
