import Foundation
import MailStore

extension InMemoryMailStorage {
    public func store(_ bytes: [UInt8], into mailbox: Mailbox, internalDate: Date, flags: MessageFlags,
                      keywords: [String]) async throws -> StoredMessage {
        let staged = try stage(bytes, into: mailbox, tag: nil, internalDate: internalDate, flags: flags, keywords: keywords,
                               linking: nil)
        return try await commit([staged])[0]
    }

    public func store(fileAt path: String, expectedSize: Int, into mailbox: Mailbox, internalDate: Date,
                      flags: MessageFlags, keywords: [String]) async throws -> StoredMessage {
        let staged = try stage(fileAt: path, expectedSize: expectedSize, into: mailbox, tag: nil,
                               internalDate: internalDate, flags: flags, keywords: keywords)
        return try await commit([staged])[0]
    }

    public func stage(_ bytes: [UInt8], into mailbox: Mailbox, tag: String?, internalDate: Date,
                      flags: MessageFlags, keywords: [String], linking source: String?) throws -> StagedMessage {
        let key = state.withLock { state -> String in
            state.stagedCount += 1
            let key = "staged/\(state.stagedCount)"
            state.staged[key] = bytes
            return key
        }
        return StagedMessage(mailboxID: mailbox.id, owner: mailbox.owner, base: tag ?? key, inNew: flags.isEmpty && keywords.isEmpty,
                             flags: flags, keywords: keywords, internalDate: Int64(internalDate.timeIntervalSince1970),
                             size: bytes.count, path: key, structure: structureEncoder?(bytes))
    }

    /// Takes the file's bytes and removes it, as `MailStore` renames it into the Maildir.
    public func stage(fileAt path: String, expectedSize: Int, into mailbox: Mailbox, tag: String?,
                      internalDate: Date, flags: MessageFlags, keywords: [String]) throws -> StagedMessage {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        guard bytes.count == expectedSize else {
            throw InMemoryStorageError(description: "\(path) holds \(bytes.count) of \(expectedSize) octets")
        }
        try? FileManager.default.removeItem(atPath: path)
        return try stage(bytes, into: mailbox, tag: tag, internalDate: internalDate, flags: flags, keywords: keywords, linking: nil)
    }

    public func commit(_ staged: [StagedMessage]) async throws -> [StoredMessage] {
        let stored = try state.withLock { state -> [StoredMessage] in
            guard staged.allSatisfy({ state.staged[$0.path] != nil && state.boxes[$0.mailboxID] != nil }) else {
                throw InMemoryStorageError(description: "a staged message or its mailbox is gone")
            }
            return staged.map { message in
                let bytes = state.staged.removeValue(forKey: message.path)!
                return state.index(message, bytes: bytes)
            }
        }
        changes.changed(Set(staged.map(\.mailboxID)))
        return stored
    }

    public func discard(_ staged: [StagedMessage]) {
        state.withLock { state in
            for message in staged { state.staged[message.path] = nil }
        }
    }

    public func updateFlags(_ mailbox: Mailbox, uids: [UInt32], operation: FlagOperation, flags: MessageFlags,
                            keywords: [String], unchangedSince: UInt64?, viewer: FlagViewer) throws -> MailStore.FlagUpdate {
        let update = state.withLock { state -> MailStore.FlagUpdate in
            var update = MailStore.FlagUpdate(records: [], modified: [])
            guard var box = state.boxes[mailbox.id] else { return update }
            for uid in uids {
                guard var record = box.messages[uid]?.record else { continue }
                if let unchangedSince, record.modSeq > unchangedSince {
                    update.modified.append(uid)
                    continue
                }
                let oldVisible = box.view(record, viewer).flags
                let (newVisible, newKeywords) = operation.applied(to: oldVisible, record.keywords, flags: flags, keywords: keywords)
                // With private \Seen it lives with the user; the shared bit stays as it was.
                let newShared = viewer.sharedFlags(newVisible, stored: record.flags)
                let seenChanged = newVisible.contains(.seen) != oldVisible.contains(.seen)
                if seenChanged || newShared != record.flags || newKeywords != record.keywords {
                    if seenChanged, let user = viewer.privateSeenUser {
                        if newVisible.contains(.seen) { box.privateSeen[user, default: []].insert(uid) } else { box.privateSeen[user]?.remove(uid) }
                    }
                    record.inNew = false
                    record.flags = newShared
                    record.keywords = newKeywords
                    record.modSeq = box.nextModSeq()
                    box.messages[uid]?.record = record
                }
                record.flags = newVisible
                update.records.append(record)
            }
            state.boxes[mailbox.id] = box
            return update
        }
        if !update.records.isEmpty { changes.changed([mailbox.id]) }
        return update
    }

    @discardableResult
    public func expunge(_ mailbox: Mailbox, uids: [UInt32]) throws -> [UInt32] {
        guard !uids.isEmpty else { return [] }
        let waiting = changes.observers(of: mailbox.id)
        let removed = state.withLock { $0.expunge(Set(uids), from: mailbox.id, holdingFor: waiting) }
        if !removed.isEmpty { changes.changed([mailbox.id]) }
        return removed
    }

    public func copy(_ uids: [UInt32], from source: Mailbox, to target: Mailbox, move: Bool,
                     viewer: FlagViewer) async throws -> [(UInt32, UInt32)] {
        let waiting = changes.observers(of: source.id)
        let pairs = try state.withLock { state -> [(UInt32, UInt32)] in
            guard let box = state.boxes[source.id], state.boxes[target.id] != nil else {
                throw MailboxError.nonexistent(state.boxes[source.id] == nil ? source.name : target.name)
            }
            var pairs: [(UInt32, UInt32)] = []
            for uid in Set(uids).sorted() {
                // RFC 2180 §4.4.2: a message expunged meanwhile is copied from what is held.
                let held = state.held[State.heldKey(mailboxID: source.id, uid: uid)]
                guard let entry = box.messages[uid] ?? held.map({ Box.Entry(record: $0.record, bytes: $0.bytes) }) else { continue }
                let record = box.view(entry.record, viewer)
                state.stagedCount += 1
                let copy = StagedMessage(mailboxID: target.id, owner: target.owner, base: "copy/\(state.stagedCount)",
                                         inNew: record.flags.isEmpty && record.keywords.isEmpty, flags: record.flags,
                                         keywords: record.keywords, internalDate: record.internalDate, size: record.size,
                                         path: "", structure: entry.envelope.flatMap { envelope in
                                             entry.bodyStructure.map { MessageStructure(envelope: envelope, bodyStructure: $0,
                                                                                        messageIDs: entry.messageIDs) }
                                         })
                pairs.append((uid, state.index(copy, bytes: entry.bytes).uid))
            }
            if move { _ = state.expunge(Set(pairs.map(\.0)), from: source.id, holdingFor: waiting) }
            return pairs
        }
        if !pairs.isEmpty { changes.changed(move ? [source.id, target.id] : [target.id]) }
        return pairs
    }
}

extension State {
    /// Gives a staged message the mailbox's next UID and MODSEQ (or returns the message
    /// already indexed under its base name, as `MailStore.commit` does).
    mutating func index(_ message: StagedMessage, bytes: [UInt8]) -> StoredMessage {
        var box = boxes[message.mailboxID]!
        if let existing = box.messages.values.first(where: { $0.record.base == message.base }) {
            return StoredMessage(mailboxID: message.mailboxID, uid: existing.record.uid, modSeq: existing.record.modSeq,
                                 base: message.base)
        }
        let uid = box.mailbox.uidNext
        let modSeq = box.nextModSeq()
        box.mailbox.uidNext += 1
        box.messages[uid] = Box.Entry(
            record: MessageRecord(uid: uid, flags: message.flags, keywords: message.keywords, modSeq: modSeq, size: message.size,
                                  internalDate: message.internalDate, base: message.base, inNew: message.inNew),
            bytes: bytes, envelope: message.structure?.envelope, bodyStructure: message.structure?.bodyStructure,
            messageIDs: message.structure?.messageIDs)
        boxes[message.mailboxID] = box
        addUsage(message.owner, bytes: Int64(message.size), messages: 1)
        return StoredMessage(mailboxID: message.mailboxID, uid: uid, modSeq: modSeq, base: message.base)
    }

    /// Removes messages under one new MODSEQ, remembering their UIDs (QRESYNC) and holding
    /// them for the sessions in `waiting` (RFC 2180 §4.1.1). Returns the UIDs removed, ascending.
    mutating func expunge(_ uids: Set<UInt32>, from mailboxID: Int64, holdingFor waiting: Set<UUID>) -> [UInt32] {
        guard var box = boxes[mailboxID] else { return [] }
        let present = uids.filter { box.messages[$0] != nil }.sorted()
        guard !present.isEmpty else { return [] }
        let modSeq = box.nextModSeq()
        for uid in present {
            let entry = box.messages.removeValue(forKey: uid)!
            box.expunged[uid] = modSeq
            for user in box.privateSeen.keys { box.privateSeen[user]?.remove(uid) }
            addUsage(box.mailbox.owner, bytes: -Int64(entry.record.size), messages: -1)
            if !waiting.isEmpty {
                held[State.heldKey(mailboxID: mailboxID, uid: uid)] = Held(record: entry.record, bytes: entry.bytes, waiting: waiting)
            }
        }
        boxes[mailboxID] = box
        return present
    }
}
