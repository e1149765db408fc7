import Directory
import Durability
import Foundation
import IMAPProtocol
import Logging
import MailCore
import MailStore

/// One IMAP connection's logic over the mail store: login, mailbox commands, the selected
/// mailbox and its untagged updates. Commands run one at a time, in order (the glue
/// waits for each); the actor keeps the store work off the event loops.
actor IMAPSession {
    let environment: IMAPServerEnvironment
    let settings: IMAPServerSettings
    let remoteAddress: String
    let sink: any IMAPResponseSink
    /// Turns response names into UTF-8 after ENABLE IMAP4rev2.
    let nameSink: MailboxNameSink
    /// RFC 9051: the client enabled IMAP4rev2.
    var imap4rev2 = false
    var tlsActive: Bool

    var user: AuthenticatedUser?
    var selected: SelectedMailboxState?
    var selectedLocation: MailboxLocation?
    /// Rights on the selected mailbox.
    var selectedRights: String = ""
    var observerToken: UUID?
    /// The mailbox `observerToken` watches.
    var observedMailboxID: Int64?
    /// RFC 7162: CONDSTORE becomes active with ENABLE or the first command that uses it;
    /// QRESYNC only with ENABLE, and it implies CONDSTORE.
    var condStoreActive = false
    var qResyncEnabled = false
    /// Set while in IDLE: updates go out as they happen.
    var idleTag: String?
    var holdsConnectionSlot = false
    /// RFC 5182: the UIDs of the last SEARCH (SAVE) result, `$`.
    var savedResult: [UInt32] = []
    /// RFC 4978: COMPRESS DEFLATE is on.
    var compressionActive = false
    /// RFC 5267 §4.3: the searches kept up to date (RETURN (UPDATE)).
    var updateContexts: [SearchUpdateContext] = []
    /// RFC 5465 NOTIFY.
    var notifications = NotifySessionState()

    init(environment: IMAPServerEnvironment, settings: IMAPServerSettings, remoteAddress: String,
         tlsActive: Bool, sink: any IMAPResponseSink) {
        self.environment = environment
        self.settings = settings
        self.remoteAddress = remoteAddress
        self.tlsActive = tlsActive
        let nameSink = MailboxNameSink(base: sink)
        self.nameSink = nameSink
        self.sink = nameSink
    }

    var store: any MailStorage { environment.store }
    var logger: Logger { environment.logger }

    // MARK: Greeting and capabilities

    func greeting() async {
        await sink.send([.untagged(.condition(.ok, code: .capability(capabilities), text: "Postino IMAP ready"))])
    }

    var capabilities: [String] {
        var list: [String]
        if user == nil {
            list = [IMAPCapability.imap4rev1, IMAPCapability.imap4rev2, IMAPCapability.literalPlus, IMAPCapability.saslIR, IMAPCapability.id,
                    IMAPCapability.enable, IMAPCapability.idle]
            if !tlsActive { list.append(IMAPCapability.startTLS) }
            if tlsActive || settings.allowUnencrypted {
                list.append(IMAPCapability.auth("PLAIN"))
            } else {
                list.append(IMAPCapability.loginDisabled)
            }
        } else {
            list = IMAPCapability.authenticatedSet(appendLimit: UInt64(settings.appendLimit))
        }
        return list
    }

    // MARK: Dispatch

    func execute(_ received: IMAPCommand) async -> IMAPSessionOutcome {
        let command = IMAPCommand(tag: received.tag, kind: fromClientNames(received.kind))
        let tag = command.tag
        let state: IMAPSessionStateKind = user == nil ? .notAuthenticated : selected == nil ? .authenticated : .selected
        guard command.kind.allowedStates.contains(state) else {
            let why = state == .notAuthenticated ? "Log in first" : state == .authenticated ? "No mailbox selected" : "Already logged in"
            await sink.send([.tagged(tag, .bad, code: nil, text: "\(command.kind.name): \(why)")])
            return .proceed
        }
        notifications.inCommand = true
        var outcome = IMAPSessionOutcome.proceed
        do {
            outcome = try await dispatch(command)
        } catch let error as IMAPCommandFailure {
            await finish(tag, error.status, code: error.code, error.text, allowExpunge: true)
        } catch {
            logger.error("imap(\(user?.name ?? "-")): \(command.kind.name) failed: \(error)")
            await finish(tag, .no, code: .serverBug, "Internal error, try again later", allowExpunge: true)
        }
        notifications.inCommand = false
        // RFC 5465 §3.1: between commands the client hears what NOTIFY asked for (not
        // before TLS or compression starts, or after LOGOUT).
        if outcome == .proceed || outcome == .idle(tag: tag) { await betweenCommands() }
        return outcome
    }

    private func dispatch(_ command: IMAPCommand) async throws -> IMAPSessionOutcome {
        let tag = command.tag
        switch command.kind {
        case .capability: try await capability(tag)
        case .noop, .check: await finish(tag, .ok, "\(command.kind.name) completed", allowExpunge: true)
        case .logout: return await logout(tag)
        case .id: await id(tag)
        case .startTLS: return await startTLS(tag)
        case .login(let username, let password): try await login(tag, username, password)
        case .authenticate(let mechanism, let initial): try await authenticate(tag, mechanism, initial)
        case .enable(let names): await enable(tag, names)
        case .namespace: await namespace(tag)
        case .select(let name, let parameters): try await select(tag, name, parameters, readOnly: false)
        case .examine(let name, let parameters): try await select(tag, name, parameters, readOnly: true)
        case .create(let name, let uses): try await create(tag, name, uses)
        case .delete(let name): try await delete(tag, name)
        case .rename(let from, let to): try await rename(tag, from, to)
        case .subscribe(let name): try await subscribe(tag, name, on: true)
        case .unsubscribe(let name): try await subscribe(tag, name, on: false)
        case .list(let command): try await list(tag, command)
        case .lsub(let reference, let pattern): try await lsub(tag, reference, pattern)
        case .status(let name, let attributes): try await status(tag, name, attributes)
        case .append(let command): try await append(tag, command)
        case .idle: return await idle(tag)
        case .getACL(let name): try await getACL(tag, name)
        case .setACL(let name, let identifier, let rights): try await setACL(tag, name, identifier, rights)
        case .deleteACL(let name, let identifier): try await setACL(tag, name, identifier, IMAPRightsModification(mode: .replace, rights: ""))
        case .listRights(let name, let identifier): try await listRights(tag, name, identifier)
        case .myRights(let name): try await myRights(tag, name)
        case .getQuota(let root): try await getQuota(tag, root)
        case .getQuotaRoot(let name): try await getQuotaRoot(tag, name)
        case .setQuota: throw IMAPCommandFailure(.no, .noPerm, "Quotas are set by the administrator")
        case .close: try await close(tag, expunge: true)
        case .unselect: try await close(tag, expunge: false)
        case .expunge: try await expunge(tag, only: nil)
        case .uidExpunge(let set): try await expunge(tag, only: set)
        case .search(let command): try await searchWithContext(tag, command)
        case .fetch(let command): try await fetch(tag, command)
        case .store(let command): try await storeFlags(tag, command)
        case .copy(let command): try await copy(tag, command, move: false)
        case .move(let command): try await copy(tag, command, move: true)
        case .sort(let command): try await sortWithContext(tag, command)
        case .thread(let command): try await thread(tag, command)
        case .compress(let mechanism): return try await compress(tag, mechanism)
        case .genURLAuth(let requests): try await genURLAuth(tag, requests)
        case .resetKey(let name, let mechanisms): try await resetKey(tag, name, mechanisms)
        case .urlFetch(let urls): try await urlFetch(tag, urls)
        case .cancelUpdate(let tags): await cancelUpdate(tag, tags)
        case .notify(let request): try await notify(tag, request)
        }
        return .proceed
    }

    // MARK: Ending commands

    /// Sends pending mailbox updates (as RFC 3501 §7 allows for this command) and the
    /// tagged response.
    func finish(_ tag: String, _ status: IMAPStatus, code: IMAPResponseCode? = nil, _ text: String,
                allowExpunge: Bool) async {
        var responses = await pendingUpdates(allowExpunge: allowExpunge)
        responses.append(.tagged(tag, status, code: code, text: text))
        await sink.send(responses)
    }

    /// Untagged EXISTS/EXPUNGE/VANISHED/FETCH for what changed in the selected mailbox,
    /// preceded by `* FLAGS` and PERMANENTFLAGS when a keyword this session has not
    /// announced appears (RFC 3501 §7.2.6). A read-write session claims the new messages'
    /// \Recent (RFC 3501 §2.3.2: the first session told of a message has it).
    func pendingUpdates(allowExpunge: Bool) async -> [IMAPResponse] {
        guard var state = selected else { return [] }
        let previous = state
        let viewer = flagViewer, mailbox = state.mailbox, since = state.highestModSeq
        let claim = !state.readOnly
        let maxUID = state.maxUID
        let changes: (changed: [MessageRecord], expunged: [UInt32], highestModSeq: UInt64)
        let claimed: Range<UInt32>?
        do {
            (changes, claimed) = try await BlockingIO.run { [store] in
                let changes = try store.changes(in: mailbox.id, since: since, viewer: viewer)
                let arrived = changes.changed.contains { $0.uid > maxUID }
                return (changes, claim && arrived ? try store.claimRecentUIDs(mailbox) : nil)
            }
        } catch {
            // The updates wait for the next command's check; the client misses nothing.
            logger.warning("imap(\(user?.name ?? "-")): cannot read the changes of \(mailbox.name): \(error)")
            return []
        }
        if let claimed { state.claim(claimed) }
        var responses: [IMAPResponse] = []
        if state.announce(changes.changed.flatMap(\.keywords)) {
            responses += flagsAnnouncement(state)
        }
        let updates = state.absorb(changed: changes.changed, expunged: changes.expunged,
                                   highestModSeq: changes.highestModSeq, allowExpunge: allowExpunge,
                                   useVanished: qResyncEnabled)
        selected = state
        if let token = observerToken, !changes.expunged.isEmpty {
            // RFC 2180 §4.1.1: this session no longer needs what it was told is gone.
            let told = changes.expunged.filter { state.sequence(of: $0) == nil }
            store.releaseHeld(mailboxID: mailbox.id, uids: told, session: token)
        }
        // RFC 5267 §4.3.2: ADDTO/REMOVEFROM for the updating searches, around the updates.
        let contexts = await searchContextUpdates(changed: changes.changed, expunged: changes.expunged, previous: previous)
        return contexts.removals + responses + updates.compactMap { update -> IMAPResponse? in
            switch update {
            case .expunge(let seq): return .untagged(.expunge(UInt32(seq)))
            case .vanished(let uids): return .untagged(.vanished(IMAPNumberSet(uids), earlier: false))
            case .exists(let n): return .untagged(.exists(UInt32(n)))
            case .recent(let n):
                // RFC 9051 Appendix E item 12: no RECENT for IMAP4rev2 clients.
                return imap4rev2 ? nil : .untagged(.recent(UInt32(n)))
            case .flags(let seq, let uid, let flags, let keywords, let modSeq):
                var items: [IMAPFetchResponseItem] = [.uid(uid), .flags(imapFlags(flags, keywords, recent: state.isRecent(uid)))]
                if condStoreActive { items.append(.modSeq(modSeq)) }
                return .untagged(.fetch(UInt32(seq), items))
            }
        } + contexts.additions + (await newMessageFetches(after: maxUID))
    }

    /// `* FLAGS` and `* OK [PERMANENTFLAGS …]` listing the system flags and every keyword
    /// announced so far (RFC 3501 §7.2.6, §7.1): sent at SELECT and again before any
    /// response that would carry a keyword the client was not told of.
    func flagsAnnouncement(_ state: SelectedMailboxState) -> [IMAPResponse] {
        let keywords = state.announcedNames.map(IMAPFlag.init)
        let permanent: [IMAPFlag] = state.readOnly ? [] : IMAPFlag.storableSystemFlags + keywords
        return [
            .untagged(.flags(IMAPFlag.storableSystemFlags + keywords)),
            .untagged(.condition(.ok, code: .permanentFlags(permanent, allowsNewKeywords: !state.readOnly), text: "Limited")),
        ]
    }

    /// RFC 7162 §3.1: "A first CONDSTORE enabling command executed in the session with a
    /// mailbox selected MUST cause the server to return HIGHESTMODSEQ" — the untagged OK
    /// to send before that command's responses (none when CONDSTORE was already on).
    func enableCondStore() -> [IMAPResponse] {
        guard !condStoreActive else { return [] }
        condStoreActive = true
        guard let state = selected else { return [] }
        return [.untagged(.condition(.ok, code: .highestModSeq(state.highestModSeq), text: "Highest"))]
    }

    // MARK: Helpers

    /// Per-user \Seen in public mailboxes always, in other users' shared mailboxes unless
    /// `imap.shared_seen` (SPEC §5).
    var flagViewer: FlagViewer { flagViewer(for: selectedLocation) }

    func flagViewer(for location: MailboxLocation?) -> FlagViewer {
        guard let location, let user else { return .shared }
        switch location.kind {
        case .personal: return .shared
        case .otherUser: return settings.sharedSeen ? .shared : FlagViewer(privateSeenUser: user.name)
        case .publicMailbox: return FlagViewer(privateSeenUser: user.name)
        }
    }

    func imapFlags(_ flags: MessageFlags, _ keywords: [String], recent: Bool) -> [IMAPFlag] {
        var result = flags.imapNames.map(IMAPFlag.init)
        result += keywords.map(IMAPFlag.init)
        if recent && !imap4rev2 { result.append(.recent) }
        return result
    }

    /// Decodes a wire name and checks it can name a folder (no `..`, wildcards, controls…).
    func decodedName(_ name: IMAPMailboxName) throws -> String {
        do {
            return try name.validate(rules: IMAPMailboxNameRules(forbiddenCharacters: ["~", "\\"]))
        } catch {
            if error.reason.contains("too long") {
                throw IMAPCommandFailure(.no, .cannot, "Mailbox name too long: \(error.reason)")
            }
            throw IMAPCommandFailure(.no, .cannot, "Invalid mailbox name: \(error.reason)")
        }
    }

    /// A new mailbox's Maildir++ folder is one directory entry holding the whole encoded
    /// name (`.a.b`, dots escaped), limited to NAME_MAX (255) octets: a name that fits the
    /// IMAP limits may still not fit there. RFC 5530 §3: CANNOT, "name too long".
    func checkFitsOnDisk(owner: MailboxOwner, storeName: String) throws {
        let directory = MaildirLayout.directory(owner: owner, name: storeName)
        if directory.split(separator: "/").contains(where: { $0.utf8.count > 255 }) {
            throw IMAPCommandFailure(.no, .cannot, "Mailbox name too long for the mail store")
        }
    }

    func logAction(_ text: String) {
        guard settings.logActions, let user else { return }
        logger.info("imap(\(user.name)): \(text)")
    }
}

/// A command that ends with NO or BAD and a response code.
struct IMAPCommandFailure: Error {
    var status: IMAPStatus
    var code: IMAPResponseCode?
    var text: String

    init(_ status: IMAPStatus, _ code: IMAPResponseCode?, _ text: String) {
        self.status = status
        self.code = code
        self.text = text
    }
}

extension IMAPSession {
    /// The APPEND size limit once logged in, nil before.
    func appendLimitIfAuthenticated() -> Int? {
        user == nil ? nil : settings.appendLimit
    }
}
