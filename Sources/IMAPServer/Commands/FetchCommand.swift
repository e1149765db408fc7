import Durability
import Foundation
import IMAPProtocol
import MailCore
import MailStore

extension IMAPSession {
    /// FETCH and UID FETCH (RFC 3501 §6.4.5) with CHANGEDSINCE/VANISHED (RFC 7162),
    /// BINARY (RFC 3516). Responses go out in batches as they are built.
    func fetch(_ tag: String, _ command: IMAPFetchCommand) async throws {
        var state = try selectedState()
        var attributes = command.attributes
        if command.byUID, !attributes.contains(.uid) { attributes.insert(.uid, at: 0) }
        var leading: [IMAPResponse] = []
        if command.changedSince != nil || attributes.contains(.modSeq) { leading += enableCondStore() }
        if condStoreActive, command.changedSince != nil, !attributes.contains(.modSeq) { attributes.append(.modSeq) }
        if command.vanished && !(command.byUID && qResyncEnabled && command.changedSince != nil) {
            throw IMAPCommandFailure(.bad, nil, "VANISHED needs UID FETCH, CHANGEDSINCE and QRESYNC")
        }
        let wanted = try uids(command.sequenceSet, byUID: command.byUID)
        let setsSeen = attributes.contains(where: \.setsSeen) && !state.readOnly && selectedRights.contains("s")
        let store = store, mailbox = state.mailbox, viewer = flagViewer

        if command.vanished, let since = command.changedSince {
            let expunged = try await BlockingIO.run { try store.changes(in: mailbox.id, since: since, viewer: viewer).expunged }
            let requested = command.sequenceSet.resolveUIDs(largestUID: max(state.maxUID, expunged.max() ?? 0))
            let vanished = expunged.filter { requested.contains($0) }
            if !vanished.isEmpty { leading.append(.untagged(.vanished(IMAPNumberSet(vanished), earlier: true))) }
        }

        // Current records (flags may have changed since the client last heard).
        var records = try await BlockingIO.run { () -> [UInt32: MessageRecord] in
            Dictionary(uniqueKeysWithValues: try store.messages(in: mailbox.id, uids: wanted, viewer: viewer).map { ($0.uid, $0) })
        }
        // RFC 2180 §4.1.1: messages another session expunged before this one was told stay
        // readable (the store keeps them for this session until it sends the EXPUNGE).
        var ghosts: [UInt32: HeldMessage] = [:]
        if let token = observerToken, command.changedSince == nil {
            for uid in wanted where records[uid] == nil {
                guard let held = store.heldMessage(mailboxID: mailbox.id, uid: uid, session: token) else { continue }
                // Its flags as they were when it was expunged.
                records[uid] = held.record
                ghosts[uid] = held
            }
        }
        if let since = command.changedSince { records = records.filter { $0.value.modSeq > since } }
        if setsSeen {
            let unseen = wanted.filter { uid in ghosts[uid] == nil && (records[uid].map { !$0.flags.contains(.seen) } ?? false) }
            if !unseen.isEmpty {
                let updated = try await BlockingIO.run {
                    try store.updateFlags(mailbox, uids: unseen, operation: .add, flags: [.seen], keywords: [], viewer: viewer)
                }
                for record in updated.records { records[record.uid] = record }
                if !attributes.contains(.flags) { attributes.append(.flags) }
            }
        }

        let needsContent = attributes.contains(where: \.needsMessageContent)
        var missing = false, answered = false
        var batch = leading
        var batchBytes = 0
        for uid in wanted {
            guard let record = records[uid], let seq = state.sequence(of: uid) else {
                if records[uid] == nil && command.changedSince == nil { missing = true }
                continue
            }
            let recent = state.isRecent(uid)
            let items: [IMAPFetchResponseItem]
            do {
                items = try await fetchItems(attributes, record, recent: recent, needsContent: needsContent, held: ghosts[uid])
            } catch let failure as IMAPFetchResponder.Failure {
                await sink.send(batch)
                await sink.send([failure.response(tag: tag)])
                return
            } catch {
                // Expunged by another session between reading the index and the file: the
                // store holds it for this session (RFC 2180 §4.1.1).
                guard ghosts[uid] == nil, let token = observerToken,
                      let held = store.heldMessage(mailboxID: mailbox.id, uid: uid, session: token),
                      let retried = try? await fetchItems(attributes, record, recent: recent, needsContent: needsContent,
                                                          held: held) else {
                    missing = true
                    continue
                }
                ghosts[uid] = held
                items = retried
            }
            // RFC 3501 §7.2.6: a keyword goes out only after a FLAGS response listed it.
            if state.announce(record.keywords) { batch += flagsAnnouncement(state) }
            if ghosts[uid] == nil { state.noteReported(record) }
            answered = true
            batch.append(.untagged(.fetch(UInt32(seq), items)))
            batchBytes += record.size
            if batch.count >= 64 || batchBytes > 1 << 20 {
                await sink.send(batch)
                batch = []
                batchBytes = 0
            }
        }
        selected = state
        await sink.send(batch)
        if missing && !answered {
            // RFC 2180 §4.1.3: when none of the messages can be answered, a tagged NO.
            await finish(tag, .no, code: .expungeIssued, "Some messages were expunged meanwhile", allowExpunge: command.byUID)
        } else {
            // RFC 2180 §4.1: what could be answered was; the client learns of the
            // expunges from the EXPUNGE responses, not from a failed FETCH.
            await finish(tag, .ok, "FETCH completed", allowExpunge: command.byUID)
        }
    }

    /// The items of one FETCH line. ENVELOPE and BODYSTRUCTURE come from the store's cache
    /// when present (and are cached the first time they are computed).
    func fetchItems(_ attributes: [IMAPFetchAttribute], _ record: MessageRecord, recent: Bool,
                            needsContent: Bool, held: HeldMessage?) async throws -> [IMAPFetchResponseItem] {
        let store = store, mailbox = try selectedState().mailbox
        let wantsStructure = attributes.contains(.envelope) || attributes.contains(.bodyStructure)
        let structureOnly = !attributes.contains { attribute in
            switch attribute {
            case .envelope, .bodyStructure: return false
            default: return attribute.needsMessageContent
            }
        }
        var cached: (envelope: [UInt8]?, bodyStructure: [UInt8]?) = (nil, nil)
        if wantsStructure {
            cached = try await BlockingIO.run { try store.cachedStructure(mailbox.id, uid: record.uid) }
        }
        let haveCache = cached.envelope != nil && cached.bodyStructure != nil
        var sections: IMAPMessageSections?
        if needsContent && !(structureOnly && haveCache) {
            let bytes = try await BlockingIO.run {
                try held.map { try store.readMessage($0) } ?? store.readMessage(mailbox, record)
            }
            sections = IMAPMessageSections(bytes: bytes)
        }
        if wantsStructure, !haveCache, let message = sections?.message {
            let structure = IMAPCachedStructure.structure(of: message)
            cached = (structure.envelope, structure.bodyStructure)
            try? await BlockingIO.run {
                try store.cacheStructure(mailbox.id, uid: record.uid, envelope: structure.envelope, bodyStructure: structure.bodyStructure)
            }
        }
        let attributesForMessage = IMAPMessageAttributes(
            uid: record.uid, flags: imapFlags(record.flags, record.keywords, recent: recent),
            internalDate: IMAPDateTime(secondsSince1970: record.internalDate),
            size: UInt64(record.servedSize), modSeq: record.modSeq)
        return try IMAPFetchResponder.items(for: attributes, message: attributesForMessage, sections: sections,
                                            cachedEnvelope: cached.envelope, cachedBodyStructure: cached.bodyStructure)
    }
}
