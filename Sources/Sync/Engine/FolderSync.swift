import Durability
import Foundation
import IMAPProtocol
import MailClient
import MailStore

/// Synchronizes one remote folder into its local mailbox: flag changes, local deletions,
/// the skip rule, the pipelined copy, the remote expunge.
struct FolderSync {
    let job: SyncJob
    let plan: FolderPlan
    let client: IMAPClient
    let mail: MailStore
    let store: any SyncStore
    let tracker: SyncTracker
    let options: SyncOptions

    static let listingItems = "(UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS ("
        + MessageKey.fields.joined(separator: " ") + ")])"

    func run() async throws {
        let user = job.localUser
        let owner = MailboxOwner.user(user)
        let selected = try await client.select(plan.remoteName, readOnly: !job.expungeRemote || options.dryRun)
        guard let uidValidity = selected.uidValidity else {
            throw MailClientError.protocolError("no UIDVALIDITY for \(plan.remoteName)")
        }
        let mail = self.mail, plan = self.plan
        let mailbox: Mailbox? = try await BlockingIO.run {
            if options.dryRun { return try mail.mailbox(owner: owner, name: plan.localName) }
            let mailbox = try mail.ensureMailbox(owner: owner, name: plan.localName, specialUse: plan.specialUse)
            // Files a crashed run wrote but did not index become messages again, so that
            // the skip rule sees them.
            _ = try mail.reconcileIfChanged(mailbox)
            return mailbox
        }

        var state = try await store.folderState(user, remoteFolder: plan.displayName)
        if state.uidValidity != uidValidity {
            if !options.dryRun { try await store.resetFolder(user, remoteFolder: plan.displayName, uidValidity: uidValidity) }
            state.links = [:]
        }

        // The listing: flags, sizes, dates and identities of every remote message.
        let collected = Collector<RemoteMessage>()
        if selected.exists > 0 {
            try await client.uidFetch(sets: ["1:*"], items: Self.listingItems, window: 1) { fetch in
                if fetch.uid != nil { collected.add(RemoteMessage(fetch)) }
            }
        }
        var remote: [UInt32: RemoteMessage] = [:]
        for message in collected.all { remote[message.uid] = message }
        await tracker.update { $0.messagesTotal += remote.count }

        guard let mailbox else {
            // Dry run of a folder that does not exist locally yet: everything would be copied.
            let bytes = remote.values.reduce(0) { $0 + Int64($1.size) }
            await tracker.update {
                $0.copied += remote.count
                $0.bytesPlanned += bytes
            }
            return
        }

        var presentRemote: [UInt32] = []  // remote UIDs that are safely stored locally
        try await updateFlags(state: state, remote: remote, mailbox: mailbox, linkedPresent: &presentRemote)
        try await deleteLocalMissing(state: state, remote: remote, mailbox: mailbox)

        // Skip rule for remote messages not linked yet.
        let unlinked = remote.keys.filter { state.links[$0] == nil }.sorted()
        var toCopy: [UInt32] = []
        if !unlinked.isEmpty {
            var local = try await localIndex(mailbox: mailbox, linked: Set(state.links.values.map(\.localUID)))
            var links: [SyncLink] = []
            var flagGroups: [String: [UInt32]] = [:]
            for uid in unlinked {
                let message = remote[uid]!
                if let key = message.key, var candidates = local[key], let found = candidates.popLast() {
                    local[key] = candidates
                    links.append(SyncLink(remoteUID: uid, localMailboxID: mailbox.id, localUID: found.uid, flags: message.flagsText))
                    // Present locally with other flags (an earlier copy, a crashed run's file).
                    if found.flags != message.flagsText { flagGroups[message.flagsText, default: []].append(found.uid) }
                } else {
                    toCopy.append(uid)
                }
            }
            if !links.isEmpty && !options.dryRun {
                try await applyFlags(flagGroups, mailbox: mailbox)
                try await store.recordLinks(user, remoteFolder: plan.displayName, links)
            }
            presentRemote.append(contentsOf: links.map(\.remoteUID))
            await tracker.update { $0.skipped += links.count }
        }
        let plannedBytes = toCopy.reduce(Int64(0)) { $0 + Int64(remote[$1]!.size) }
        await tracker.update { $0.bytesPlanned += plannedBytes }

        if options.dryRun {
            await tracker.update { $0.copied += toCopy.count }
            return
        }

        // The copy: pipelined UID FETCH, written in durable batches.
        let batch = CopyBatch(mail: mail, store: store, mailbox: mailbox, localUser: user, remoteFolder: plan.displayName,
                              uidValidity: uidValidity, tracker: tracker, messageLimit: options.batchMessages,
                              byteLimit: options.batchBytes)
        if !toCopy.isEmpty {
            do {
                try await client.uidFetch(toCopy, items: "(UID FLAGS INTERNALDATE BODY.PEEK[])", batchSize: options.fetchBatch,
                                          window: options.fetchWindow) { fetch in
                    try await batch.add(fetch)
                }
                try await batch.flush()
            } catch {
                // What was fetched before the failure is kept.
                try? await batch.flush()
                throw error
            }
        }
        let copied = await batch.copiedUIDs
        let missing = Set(toCopy).subtracting(copied)
        if !missing.isEmpty {
            // Expunged remotely between the listing and the copy, or refused by the server.
            await tracker.update { $0.failed += missing.count }
        }
        presentRemote.append(contentsOf: copied)

        if job.expungeRemote && !presentRemote.isEmpty {
            try await client.uidStore(presentRemote, operation: "+FLAGS.SILENT", flags: ["\\Deleted"])
            try await client.expunge(uids: presentRemote)
            try await store.forget(user, remoteFolder: plan.displayName, remoteUIDs: presentRemote)
            await tracker.update { $0.expungedRemote += presentRemote.count }
        }
    }

    /// Linked messages whose remote flags changed since the last run get them locally.
    /// `linkedPresent` receives the linked remote UIDs whose local copy still exists: with
    /// `--expunge-remote` only those may go remotely (a copy linked by an earlier run may
    /// have been deleted here since).
    private func updateFlags(state: SyncFolderState, remote: [UInt32: RemoteMessage], mailbox: Mailbox,
                             linkedPresent: inout [UInt32]) async throws {
        let local: Set<UInt32> = try await job.expungeRemote ? localUIDs(mailbox) : []
        var groups: [String: [UInt32]] = [:]
        var links: [SyncLink] = []
        var unchanged = 0
        for (uid, link) in state.links {
            guard let message = remote[uid] else { continue }
            if link.localMailboxID == mailbox.id && local.contains(link.localUID) { linkedPresent.append(uid) }
            if message.flagsText == link.flags {
                unchanged += 1
                continue
            }
            groups[message.flagsText, default: []].append(link.localUID)
            var updated = link
            updated.flags = message.flagsText
            links.append(updated)
        }
        await tracker.update { $0.skipped += unchanged + links.count }
        guard !links.isEmpty, !options.dryRun else { return }
        try await applyFlags(groups, mailbox: mailbox)
        try await store.recordLinks(job.localUser, remoteFolder: plan.displayName, links)
        await tracker.update { $0.flagsUpdated += links.count }
    }

    /// The UIDs the local mailbox holds now.
    private func localUIDs(_ mailbox: Mailbox) async throws -> Set<UInt32> {
        let mail = self.mail
        return try await BlockingIO.run { Set(try mail.messages(in: mailbox.id).map(\.uid)) }
    }

    /// Sets local flags and keywords: `groups` maps a flags text to the local UIDs that get it.
    private func applyFlags(_ groups: [String: [UInt32]], mailbox: Mailbox) async throws {
        guard !groups.isEmpty else { return }
        let mail = self.mail
        for (flagsText, uids) in groups {
            let (flags, keywords) = RemoteMessage.split(flagsText)
            _ = try await BlockingIO.run {
                try mail.updateFlags(mailbox, uids: uids, operation: .replace, flags: flags, keywords: keywords)
            }
        }
        mail.changes.changed([mailbox.id])
    }

    /// `--delete-local-missing`: local copies of messages the remote no longer has.
    private func deleteLocalMissing(state: SyncFolderState, remote: [UInt32: RemoteMessage], mailbox: Mailbox) async throws {
        guard job.deleteLocalMissing else { return }
        let gone = state.links.filter { remote[$0.key] == nil }
        guard !gone.isEmpty else { return }
        if !options.dryRun {
            let mail = self.mail
            let localUIDs = gone.values.filter { $0.localMailboxID == mailbox.id }.map(\.localUID)
            _ = try await BlockingIO.run { try mail.expunge(mailbox, uids: localUIDs) }
            mail.changes.changed([mailbox.id])
            try await store.forget(job.localUser, remoteFolder: plan.displayName, remoteUIDs: Array(gone.keys))
        }
        await tracker.update { $0.deletedLocal += gone.count }
    }

    /// Local messages not linked to a remote one, by key (read from their files), with
    /// their flags text.
    private func localIndex(mailbox: Mailbox, linked: Set<UInt32>) async throws -> [MessageKey: [(uid: UInt32, flags: String)]] {
        let mail = self.mail
        return try await BlockingIO.run {
            var index: [MessageKey: [(uid: UInt32, flags: String)]] = [:]
            for record in try mail.messages(in: mailbox.id) where !linked.contains(record.uid) {
                guard let bytes = try? mail.readMessage(mailbox, record) else { continue }
                let key = MessageKey(identity: MessageKey.identity(header: bytes), size: record.servedSize,
                                     internalDate: record.internalDate)
                let flags = RemoteMessage.normalized(record.flags.imapNames + record.keywords).joined(separator: " ")
                index[key, default: []].append((record.uid, flags))
            }
            return index
        }
    }
}
