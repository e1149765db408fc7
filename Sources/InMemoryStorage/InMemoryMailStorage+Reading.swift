import Foundation
import MailStore

extension InMemoryMailStorage {
    public func messages(in mailboxID: Int64, viewer: FlagViewer) throws -> [MessageRecord] {
        state.withLock { $0.boxes[mailboxID]?.records(viewer: viewer) ?? [] }
    }

    public func messages(in mailboxID: Int64, uids: some Sequence<UInt32>, viewer: FlagViewer) throws -> [MessageRecord] {
        let wanted = Set(uids)
        return state.withLock { state in
            guard let box = state.boxes[mailboxID] else { return [] }
            return wanted.sorted().compactMap { box.messages[$0].map { box.view($0.record, viewer) } }
        }
    }

    public func uids(in mailboxID: Int64, flagged flags: MessageFlags) throws -> [UInt32] {
        state.withLock { state in
            (state.boxes[mailboxID]?.messages.values ?? [:].values).filter { $0.record.flags.isSuperset(of: flags) }
                .map(\.record.uid).sorted()
        }
    }

    public func changes(in mailboxID: Int64, since modSeq: UInt64, viewer: FlagViewer)
        throws -> (changed: [MessageRecord], expunged: [UInt32], highestModSeq: UInt64) {
        state.withLock { state in
            guard let box = state.boxes[mailboxID] else { return ([], [], 0) }
            return (box.records(viewer: viewer).filter { $0.modSeq > modSeq },
                    box.expunged.filter { $0.value > modSeq }.map(\.key).sorted(), box.mailbox.highestModSeq)
        }
    }

    public func readMessage(_ mailbox: Mailbox, _ record: MessageRecord) throws -> [UInt8] {
        try readMessage(mailbox, uid: record.uid)
    }

    public func readMessage(_ mailbox: Mailbox, uid: UInt32) throws -> [UInt8] {
        guard let bytes = state.withLock({ $0.boxes[mailbox.id]?.messages[uid]?.bytes }) else {
            throw InMemoryStorageError(description: "message \(uid) of \(mailbox.owner)/\(mailbox.name) is gone")
        }
        return bytes
    }

    public func openMessage(_ mailbox: Mailbox, uid: UInt32) throws -> MessageReader {
        MessageReader(bytes: try readMessage(mailbox, uid: uid))
    }

    public func heldMessage(mailboxID: Int64, uid: UInt32, session: UUID) -> HeldMessage? {
        let key = State.heldKey(mailboxID: mailboxID, uid: uid)
        return state.withLock { $0.held[key] }.map { HeldMessage(record: $0.record, path: key) }
    }

    public func readMessage(_ held: HeldMessage) throws -> [UInt8] {
        guard let bytes = state.withLock({ $0.held[held.path]?.bytes }) else {
            throw InMemoryStorageError(description: "held message \(held.path) was released")
        }
        return bytes
    }

    /// Unlike `MailStore` (a grace period), a message goes as soon as no session waits for it.
    public func releaseHeld(mailboxID: Int64, uids: [UInt32]?, session: UUID) {
        state.withLock { state in
            let prefix = "\(mailboxID)/"
            let keys = uids.map { $0.map { State.heldKey(mailboxID: mailboxID, uid: $0) } }
                ?? state.held.keys.filter { $0.hasPrefix(prefix) }
            for key in keys {
                state.held[key]?.waiting.remove(session)
                if state.held[key]?.waiting.isEmpty == true { state.held[key] = nil }
            }
        }
    }

    /// Messages held for sessions (for tests).
    public var heldCount: Int { state.withLock { $0.held.count } }

    public func cachedStructure(_ mailboxID: Int64, uid: UInt32) throws -> (envelope: [UInt8]?, bodyStructure: [UInt8]?) {
        state.withLock { state in
            let entry = state.boxes[mailboxID]?.messages[uid]
            return (entry?.envelope, entry?.bodyStructure)
        }
    }

    public func cacheStructure(_ mailboxID: Int64, uid: UInt32, envelope: [UInt8], bodyStructure: [UInt8]) throws {
        state.withLock { state in
            state.boxes[mailboxID]?.messages[uid]?.envelope = envelope
            state.boxes[mailboxID]?.messages[uid]?.bodyStructure = bodyStructure
        }
    }

    public func messageIDs(in mailboxID: Int64) throws -> [UInt32: [String]] {
        state.withLock { state in
            (state.boxes[mailboxID]?.messages ?? [:]).compactMapValues(\.messageIDs)
        }
    }

    public func messageIDs(in mailboxID: Int64, uids: [UInt32]) throws -> [UInt32: [String]] {
        let wanted = Set(uids)
        return try messageIDs(in: mailboxID).filter { wanted.contains($0.key) }
    }

    public func messageIDCandidates(in mailboxID: Int64, containing text: String) throws -> [UInt32] {
        let wanted = text.lowercased()
        return state.withLock { state in
            (state.boxes[mailboxID]?.messages ?? [:]).compactMap { uid, message -> UInt32? in
                guard let ids = message.messageIDs else { return uid }
                return ids.contains { $0.lowercased().contains(wanted) } ? uid : nil
            }.sorted()
        }
    }

    public func indexMessageIDs(_ ids: [UInt32: [String]], in mailboxID: Int64) throws {
        state.withLock { state in
            for (uid, values) in ids { state.boxes[mailboxID]?.messages[uid]?.messageIDs = values }
        }
    }
}
