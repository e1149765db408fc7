import Durability
import Foundation
import GRDB

extension MailStore {
    public struct FlagUpdate: Sendable {
        /// Every requested message that exists, with its flags after the update (viewer's view).
        public var records: [MessageRecord]
        /// UIDs skipped because their MODSEQ was above UNCHANGEDSINCE (RFC 7162 §3.1.3).
        public var modified: [UInt32]

        public init(records: [MessageRecord], modified: [UInt32]) {
            self.records = records
            self.modified = modified
        }
    }

    /// STORE: changes flags and keywords of messages. Each message that really changes gets
    /// a new MODSEQ; its file is renamed to carry the new letters (moved to `cur/` if it was
    /// in `new/`). Shared \Seen or the viewer's private \Seen, as `viewer` says.
    public func updateFlags(_ mailbox: Mailbox, uids: [UInt32], operation: FlagOperation, flags: MessageFlags,
                            keywords: [String], unchangedSince: UInt64? = nil, viewer: FlagViewer = .shared) throws -> FlagUpdate {
        let folder = path(mailbox)
        writesInFlight.begin(mailbox.id)
        defer { writesInFlight.end(mailbox.id) }
        let result = try database.write { db -> FlagUpdate in
            var update = FlagUpdate(records: [], modified: [])
            let before = MaildirTimes(folder: folder)
            var records: [MessageRecord] = []
            for uid in uids {
                if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.columns) FROM mail_messages WHERE mailbox_id = ? AND uid = ?"),
                                              arguments: [mailbox.id, Int64(uid)]) {
                    records.append(MessageRecord(row: row))
                }
            }
            var privateSeen = Set<UInt32>()
            if let user = viewer.privateSeenUser {
                privateSeen = Set(try Int64.fetchAll(db.cachedStatement(sql: """
                    SELECT uid FROM mail_private_flags WHERE mailbox_id = ? AND user_name = ? AND (flags & 1) != 0
                    """), arguments: [mailbox.id, user]).map { UInt32(truncatingIfNeeded: $0) })
            }
            for var record in records {
                if let unchangedSince, record.modSeq > unchangedSince {
                    update.modified.append(record.uid)
                    continue
                }
                let oldSeen = viewer.privateSeenUser != nil ? privateSeen.contains(record.uid) : record.flags.contains(.seen)
                var visible = record.flags
                if oldSeen { visible.insert(.seen) } else { visible.remove(.seen) }
                let (newVisible, newKeywords) = operation.applied(to: visible, record.keywords, flags: flags, keywords: keywords)
                // With private \Seen it lives in the private table; the shared bit stays as it was.
                let newShared = viewer.sharedFlags(newVisible, stored: record.flags)
                let seenChanged = newVisible.contains(.seen) != oldSeen
                let sharedChanged = newShared != record.flags || newKeywords != record.keywords
                if seenChanged || sharedChanged {
                    let modseq = try Self.nextModSeq(mailbox.id, db)
                    if seenChanged, let user = viewer.privateSeenUser {
                        try db.cachedStatement(sql: """
                            INSERT INTO mail_private_flags (mailbox_id, uid, user_name, flags) VALUES (?, ?, ?, ?)
                            ON CONFLICT DO UPDATE SET flags = excluded.flags
                            """).execute(arguments: [mailbox.id, Int64(record.uid), user, newVisible.contains(.seen) ? 1 : 0])
                    }
                    let oldPath = folder + "/" + record.relativePath
                    let moves = newShared != record.flags || record.inNew
                    record.flags = newShared
                    record.keywords = newKeywords
                    record.modSeq = UInt64(modseq)
                    if moves {
                        record.inNew = false
                        try? DurableFile.rename(oldPath, folder + "/" + record.relativePath)
                    }
                    try db.cachedStatement(sql: """
                        UPDATE mail_messages SET flags = ?, keywords = ?, modseq = ?, in_new = ? WHERE mailbox_id = ? AND uid = ?
                        """).execute(arguments: [record.flags.rawValue, record.keywords.joined(separator: " "), modseq, record.inNew,
                                         mailbox.id, Int64(record.uid)])
                }
                record.flags = newVisible
                update.records.append(record)
            }
            try MaildirTimes.advanceScanMark(mailboxID: mailbox.id, .init(before: before, after: MaildirTimes(folder: folder)), db)
            return update
        }
        if !result.records.isEmpty { changes.changed([mailbox.id]) }
        return result
    }
}
