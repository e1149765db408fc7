import Durability
import IMAPProtocol
import MailStore

extension IMAPSession {
    /// SELECT and EXAMINE (RFC 3501 §6.3.1), with CONDSTORE and QRESYNC (RFC 7162 §3.1.8,
    /// §3.2.5).
    func select(_ tag: String, _ name: IMAPMailboxName, _ parameters: IMAPSelectParameters, readOnly: Bool) async throws {
        // A failed SELECT still leaves no mailbox selected (RFC 3501 §6.3.1).
        var responses: [IMAPResponse] = []
        if selected != nil {
            stopObserving()
            selected = nil
            selectedLocation = nil
            // RFC 7162 §3.2.11, RFC 9051 §6.3.2 (Appendix E item 9).
            if qResyncEnabled || imap4rev2 {
                responses.append(.untagged(.condition(.ok, code: .closed, text: "Previous mailbox closed")))
            }
        }
        if parameters.qResync != nil, !qResyncEnabled {
            await sink.send(responses)
            throw IMAPCommandFailure(.bad, nil, "QRESYNC must be enabled first (RFC 7162)")
        }
        if parameters.condStore { condStoreActive = true }
        let access: Access
        do {
            access = try await self.access(name, need: "r")
        } catch {
            await sink.send(responses)
            throw error
        }
        let mayWrite = !readOnly && access.rights.contains(where: { "swite".contains($0) })
        let store = store, viewer = flagViewer(for: access.location), mailbox = access.mailbox
        // Observe before reading, so that what others expunge from now on is held for this
        // session (RFC 2180 §4.1.1) and every change after the read is noticed.
        observe(mailbox)
        let loaded: LoadedSelection
        do {
            loaded = try await loadSelection(mailbox, readOnly: !mayWrite) {
                // Messages another program dropped into the Maildir are picked up here —
                // unless the store is writing to it right now (its own files in flight
                // would look foreign); the next SELECT catches up.
                if !store.writesInFlight.isBusy(mailbox.id) { _ = try store.reconcileIfChanged(mailbox) }
                store.removeLeftoverGhosts(mailbox)
                // RFC 3501 §2.3.2: SELECT takes the messages no session has claimed; EXAMINE
                // sees them as recent but leaves them for the next SELECT (§6.3.2).
                let recent = mayWrite ? try store.claimRecentUIDs(mailbox)
                                      : (try store.mailbox(id: mailbox.id)?.firstRecentUID ?? UInt32.max)..<UInt32.max
                return (try store.selection(mailbox, viewer: viewer), recent)
            }
        } catch {
            stopObserving()
            throw error
        }
        let (state, status) = (loaded.state, loaded.status)
        // RFC 5182 §2.1: SELECT and EXAMINE reset the saved search result.
        savedResult = []
        selected = state
        selectedLocation = access.location
        selectedRights = access.rights

        let announcement = flagsAnnouncement(state)
        responses += [announcement[0], .untagged(.exists(UInt32(state.count)))]
        if imap4rev2 {
            // RFC 9051 §6.3.2: "The server MUST return a LIST response with the mailbox
            // name"; no RECENT (Appendix E item 12).
            responses.append(.untagged(.list(IMAPListItem(attributes: [], name: name))))
        } else {
            responses.append(.untagged(.recent(UInt32(state.recentCount))))
        }
        responses += [
            announcement[1],
            .untagged(.condition(.ok, code: .uidValidity(status.uidValidity), text: "UIDs valid")),
            .untagged(.condition(.ok, code: .uidNext(max(status.uidNext, state.maxUID &+ 1)), text: "Predicted next UID")),
            .untagged(.condition(.ok, code: .highestModSeq(status.highestModSeq), text: "Highest")),
        ]
        if !imap4rev2, let firstUnseen = loaded.firstUnseen {
            responses.append(.untagged(.condition(.ok, code: .unseen(UInt32(firstUnseen)), text: "First unseen")))
        }
        if let qresync = parameters.qResync, qresync.uidValidity == status.uidValidity {
            responses += try await resynchronize(since: qresync.modSeq, known: qresync.knownUIDs)
        }
        responses.append(.tagged(tag, .ok, code: mayWrite ? .readWrite : .readOnly,
                                 text: "\(readOnly ? "EXAMINE" : "SELECT") completed"))
        await sink.send(responses)
    }

    /// What SELECT keeps of a mailbox: the session's state and counters.
    struct LoadedSelection {
        var state: SelectedMailboxState
        var status: MailboxStatus
        /// Sequence number of the first unseen message.
        var firstUnseen: Int?
    }

    private func loadSelection(_ mailbox: Mailbox, readOnly: Bool,
                               _ read: @escaping @Sendable () throws -> (MailboxSelection, Range<UInt32>))
        async throws -> LoadedSelection {
        let (selection, recentUIDs) = try await BlockingIO.run(read)
        var state = SelectedMailboxState(mailbox: mailbox, readOnly: readOnly, uids: selection.uids,
                                         highestModSeq: selection.status.highestModSeq, recentUIDs: recentUIDs)
        // RFC 3501 §7.2.6: FLAGS lists the keywords in use, so no FETCH carries one the
        // client was not told of.
        _ = state.announce(selection.keywords)
        return LoadedSelection(state: state, status: selection.status, firstUnseen: selection.firstUnseen)
    }

    /// QRESYNC: what vanished and what changed since the client's MODSEQ.
    func resynchronize(since modSeq: UInt64, known: IMAPSequenceSet?) async throws -> [IMAPResponse] {
        guard let state = selected else { return [] }
        let store = store, viewer = flagViewer
        let changes = try await BlockingIO.run { try store.changes(in: state.mailbox.id, since: modSeq, viewer: viewer) }
        var responses: [IMAPResponse] = []
        var vanished = changes.expunged
        if let known {
            let allowed = known.resolveUIDs(largestUID: state.maxUID)
            vanished = vanished.filter { allowed.contains($0) }
        }
        if !vanished.isEmpty { responses.append(.untagged(.vanished(IMAPNumberSet(vanished), earlier: true))) }
        for record in changes.changed {
            guard let seq = state.sequence(of: record.uid) else { continue }
            responses.append(.untagged(.fetch(UInt32(seq), [
                .uid(record.uid), .flags(imapFlags(record.flags, record.keywords, recent: state.isRecent(record.uid))),
                .modSeq(record.modSeq),
            ])))
        }
        return responses
    }

    /// Pokes the session when someone changes the selected mailbox; only IDLE reacts at
    /// once, other states pick the changes up at the end of the next command.
    func observe(_ mailbox: Mailbox) {
        observedMailboxID = mailbox.id
        observerToken = store.changes.observe(mailboxID: mailbox.id) { [weak self] in
            guard let self else { return }
            Task { await self.mailboxChanged() }
        }
    }

    func mailboxChanged() async {
        // In IDLE, or between commands with NOTIFY's SELECTED (RFC 5465 §4, §6.1).
        guard let allowExpunge = selectedPushAllowsExpunge() else { return }
        let knownUpTo = selected?.maxUID ?? 0
        let updates = withoutUnwantedFlagChanges(await pendingUpdates(allowExpunge: allowExpunge), knownUpTo: knownUpTo)
        if !updates.isEmpty { await sink.send(updates) }
    }

    /// CLOSE expunges silently (RFC 3501 §6.4.2); UNSELECT does not (RFC 3691).
    func close(_ tag: String, expunge: Bool) async throws {
        if expunge, let state = selected, !state.readOnly, selectedRights.contains("e") {
            _ = try await removeDeleted(in: state, only: nil)
        }
        stopObserving()
        selected = nil
        selectedLocation = nil
        await sink.send([.tagged(tag, .ok, code: nil, text: expunge ? "CLOSE completed" : "UNSELECT completed")])
    }

    /// RFC 2177: updates go out as they happen until DONE.
    func idle(_ tag: String) async -> IMAPSessionOutcome {
        idleTag = tag
        var responses = await pendingUpdates(allowExpunge: true)
        responses.append(.continuation("idling"))
        await sink.send(responses)
        return .idle(tag: tag)
    }

    func endIdle() async {
        guard let tag = idleTag else { return }
        idleTag = nil
        await finish(tag, .ok, "IDLE terminated", allowExpunge: true)
    }
}
