import Durability
import IMAPProtocol
import MailStore

extension IMAPSession {
    /// STORE and UID STORE (RFC 3501 §6.4.6) with UNCHANGEDSINCE (RFC 7162 §3.1.3).
    func storeFlags(_ tag: String, _ command: IMAPStoreCommand) async throws {
        var state = try selectedState()
        guard !state.readOnly else { throw IMAPCommandFailure(.no, .readOnly, "Mailbox is read-only") }
        var responses: [IMAPResponse] = command.unchangedSince != nil ? enableCondStore() : []
        var flags: MessageFlags = []
        var keywords: [String] = []
        for flag in command.flags {
            if flag == .recent { continue }  // \Recent cannot be stored (RFC 3501 §2.3.2)
            if let system = MessageFlags(imapName: flag.name) { flags.insert(system) } else if flag.isKeyword { keywords.append(flag.name) }
        }
        // RFC 4314 §4: s for \Seen, t for \Deleted, w for the others.
        if flags.contains(.seen), !selectedRights.contains("s") { throw IMAPCommandFailure(.no, .noPerm, "Permission denied (s)") }
        if flags.contains(.deleted), !selectedRights.contains("t") { throw IMAPCommandFailure(.no, .noPerm, "Permission denied (t)") }
        if (!flags.subtracting([.seen, .deleted]).isEmpty || !keywords.isEmpty), !selectedRights.contains("w") {
            throw IMAPCommandFailure(.no, .noPerm, "Permission denied (w)")
        }
        let targets = try uids(command.sequenceSet, byUID: command.byUID)
        let operation: FlagOperation = switch command.action {
        case .add: .add
        case .remove: .remove
        case .replace: .replace
        }
        let store = store, mailbox = state.mailbox, viewer = flagViewer, unchangedSince = command.unchangedSince
        let newFlags = flags, newKeywords = keywords
        let update = try await BlockingIO.run {
            try store.updateFlags(mailbox, uids: targets, operation: operation, flags: newFlags, keywords: newKeywords,
                                  unchangedSince: unchangedSince, viewer: viewer)
        }
        // The session lets go of its copy while this loop (no suspension in it) updates the
        // state, so the table of known flags is changed in place, not copied whole.
        selected = nil
        for record in update.records {
            state.noteReported(record)
            // RFC 3501 §7.2.6: a new keyword is announced before any response carries it
            // (and before this session's next FETCH, even when .SILENT).
            if state.announce(record.keywords) { responses += flagsAnnouncement(state) }
            guard !command.silent || unchangedSince != nil, let seq = state.sequence(of: record.uid) else { continue }
            var items: [IMAPFetchResponseItem] = []
            if command.byUID { items.append(.uid(record.uid)) }
            if !command.silent { items.append(.flags(imapFlags(record.flags, record.keywords, recent: state.isRecent(record.uid)))) }
            if condStoreActive { items.append(.modSeq(record.modSeq)) }
            responses.append(.untagged(.fetch(UInt32(seq), items)))
        }
        selected = state
        if operation != .remove {
            // RFC 5788 keywords `$Junk` / `$NotJunk`: a user's verdict on the messages.
            let changed = update.records.map(\.uid)
            if newKeywords.contains(where: { $0.lowercased() == "$junk" }) {
                await reportJunkTraining(.spam, mailbox: mailbox, uids: changed, reason: "flag $Junk")
            } else if newKeywords.contains(where: { $0.lowercased() == "$notjunk" }) {
                await reportJunkTraining(.ham, mailbox: mailbox, uids: changed, reason: "flag $NotJunk")
            }
        }
        logAction("flag_change: box=\(selectedLocation?.storeName ?? ""), uids=\(IMAPNumberSet(update.records.map(\.uid))), \(command.action) \(command.flags.map(\.name).joined(separator: " "))")
        if settings.trashDeleted, operation != .remove, flags.contains(.deleted) {
            try await moveDeletedToTrash(update.records.filter { $0.flags.contains(.deleted) }.map(\.uid))
        }
        let code: IMAPResponseCode? = update.modified.isEmpty ? nil : .modified(IMAPNumberSet(
            command.byUID ? update.modified : update.modified.compactMap { state.sequence(of: $0).map(UInt32.init) }))
        await finish(tag, .ok, code: code, "STORE completed", allowExpunge: command.byUID, before: responses)
    }

    /// `imap.trash_deleted` (for Outlook, which flags \Deleted and never expunges): a
    /// message flagged \Deleted in a personal mailbox moves to Trash at once.
    private func moveDeletedToTrash(_ uids: [UInt32]) async throws {
        guard !uids.isEmpty, let location = selectedLocation, location.kind == .personal,
              let state = selected, state.mailbox.specialUse != "\\Trash" else { return }
        let store = store, owner = state.mailbox.owner, source = state.mailbox
        guard let trash = try await BlockingIO.run({ try store.mailboxes(owner: owner).first { $0.specialUse == "\\Trash" } }) else { return }
        let moved = try await store.copy(uids, from: source, to: trash, move: true)
        _ = try await BlockingIO.run {
            try store.updateFlags(trash, uids: moved.map(\.1), operation: .remove, flags: [.deleted], keywords: [])
        }
        logAction("move to Trash: box=\(location.storeName), uids=\(IMAPNumberSet(uids))")
    }
}
