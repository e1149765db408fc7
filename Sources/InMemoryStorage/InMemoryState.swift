import Foundation
import MailStore

/// Everything an `InMemoryMailStorage` holds, changed under its one lock.
struct State {
    var nextMailboxID: Int64 = 1
    var boxes: [Int64: Box] = [:]
    var subscriptions: [String: Set<String>] = [:]
    var usage: [MailboxOwner: MailStore.StoredUsage] = [:]
    /// The last UIDVALIDITY given: each new mailbox gets a higher one (RFC 3501 §2.3.1.1).
    var lastUIDValidity: UInt32 = 0
    /// Staged messages' bytes by `StagedMessage.path`.
    var staged: [String: [UInt8]] = [:]
    var stagedCount = 0
    /// `makeStagedDurable` calls (local delivery's durability rounds).
    var durabilityRounds = 0
    /// Expunged messages held for sessions not told yet, by `HeldMessage.path`.
    var held: [String: Held] = [:]

    struct Held {
        var record: MessageRecord
        var bytes: [UInt8]
        var waiting: Set<UUID>
    }

    func box(owner: MailboxOwner, name: String) -> Box? {
        boxes.values.first { $0.mailbox.owner == owner && $0.mailbox.name == name }
    }

    /// The mailbox named `name` (canonical), created when missing.
    @discardableResult
    mutating func ensure(owner: MailboxOwner, name: String, specialUse: String?) -> Mailbox {
        if let existing = box(owner: owner, name: name) { return existing.mailbox }
        lastUIDValidity = max(lastUIDValidity + 1, UInt32(truncatingIfNeeded: Int64(Date().timeIntervalSince1970)))
        let mailbox = Mailbox(id: nextMailboxID, owner: owner, name: name, directory: "memory/" + owner.key + "/" + name,
                              uidValidity: lastUIDValidity, uidNext: 1, highestModSeq: 1, firstRecentUID: 1,
                              specialUse: specialUse)
        nextMailboxID += 1
        boxes[mailbox.id] = Box(mailbox: mailbox)
        return mailbox
    }

    mutating func addUsage(_ owner: MailboxOwner, bytes: Int64, messages: Int64) {
        var usage = self.usage[owner] ?? MailStore.StoredUsage(bytes: 0, messages: 0)
        usage.bytes += bytes
        usage.messages += messages
        self.usage[owner] = usage
    }

    static func heldKey(mailboxID: Int64, uid: UInt32) -> String { "\(mailboxID)/\(uid)" }
}

/// One mailbox and its messages.
struct Box {
    var mailbox: Mailbox
    var messages: [UInt32: Entry] = [:]
    /// UID → the MODSEQ of its expunge (RFC 7162 VANISHED).
    var expunged: [UInt32: UInt64] = [:]
    /// Per-user \Seen (public and shared mailboxes): user → UIDs seen.
    var privateSeen: [String: Set<UInt32>] = [:]
    var acl: [String: String] = [:]

    struct Entry {
        /// With the shared flags.
        var record: MessageRecord
        var bytes: [UInt8]
        var envelope: [UInt8]?
        var bodyStructure: [UInt8]?
        var messageIDs: [String]?
    }

    /// The next MODSEQ, now the mailbox's highest.
    mutating func nextModSeq() -> UInt64 {
        mailbox.highestModSeq += 1
        return mailbox.highestModSeq
    }

    /// The record as `viewer` sees it (private \Seen applied).
    func view(_ record: MessageRecord, _ viewer: FlagViewer) -> MessageRecord {
        guard let user = viewer.privateSeenUser else { return record }
        var seen = record
        if privateSeen[user]?.contains(record.uid) == true { seen.flags.insert(.seen) } else { seen.flags.remove(.seen) }
        return seen
    }

    func records(viewer: FlagViewer) -> [MessageRecord] {
        messages.keys.sorted().map { view(messages[$0]!.record, viewer) }
    }

    func status(_ records: [MessageRecord]) -> MailboxStatus {
        MailboxStatus(messages: records.count, recent: records.filter { $0.uid >= mailbox.firstRecentUID }.count,
                      unseen: records.filter { !$0.flags.contains(.seen) }.count,
                      deleted: records.filter { $0.flags.contains(.deleted) }.count,
                      size: records.reduce(0) { $0 + Int64($1.size) }, uidNext: mailbox.uidNext,
                      uidValidity: mailbox.uidValidity, highestModSeq: mailbox.highestModSeq)
    }
}
