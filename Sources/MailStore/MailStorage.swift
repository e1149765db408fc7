import Foundation

/// The mail store as the protocol servers (IMAPServer, POP3Server) use it: mailboxes,
/// messages and their flags, subscriptions, ACLs, quota usage and the change notices open
/// sessions watch. `MailStore` (Maildir files and the SQLite index) is the server's; an
/// in-memory one (`InMemoryStorage`) lets unit tests drive sessions without a disk.
///
/// Synchronous and blocking like today's store (issue 11 moves it to async with typed
/// errors later): call the synchronous methods off the event loops (`BlockingIO`).
/// Nothing here names a GRDB type; staged messages are committed by `commit(_:)`.
public protocol MailStorage: AnyObject, Sendable {
    /// Pokes the sessions observing a mailbox after a change is committed.
    var changes: any MailboxChangeNotifying { get }
    /// Writes in progress per mailbox: SELECT skips `reconcileIfChanged` while any is.
    var writesInFlight: MailboxWritesInFlight { get }
    /// Where large APPEND literals are written as they arrive (see `store(fileAt:…)`).
    var literalSpoolDirectory: String { get }
    /// Makes `literalSpoolDirectory`, emptied of a previous process's files the first time.
    func prepareLiteralSpool() throws

    // MARK: Mailboxes

    func mailbox(owner: MailboxOwner, name: String) throws -> Mailbox?
    func mailbox(id: Int64) throws -> Mailbox?
    /// The owner's mailboxes by name.
    func mailboxes(owner: MailboxOwner) throws -> [Mailbox]
    /// The mailbox, created when missing.
    @discardableResult
    func ensureMailbox(owner: MailboxOwner, name: String, specialUse: String?) throws -> Mailbox
    /// CREATE with missing parents; `MailboxError.alreadyExists` when it exists.
    @discardableResult
    func createMailbox(owner: MailboxOwner, name: String, specialUse: String?) throws -> Mailbox
    func deleteMailbox(_ mailbox: Mailbox) throws
    func renameMailbox(_ mailbox: Mailbox, to newName: String) async throws
    func status(_ mailbox: Mailbox, viewer: FlagViewer) throws -> MailboxStatus
    /// Every message and the counters, read together (SELECT).
    func snapshot(_ mailbox: Mailbox, viewer: FlagViewer) throws -> (records: [MessageRecord], status: MailboxStatus)
    /// What SELECT keeps of a mailbox (UIDs, first unseen, keywords in use, counters),
    /// without reading its records.
    func selection(_ mailbox: Mailbox, viewer: FlagViewer) throws -> MailboxSelection
    /// RFC 3501 §2.3.2: the UIDs that are \Recent for the caller alone; moves the mark past them.
    func claimRecentUIDs(_ mailbox: Mailbox) throws -> Range<UInt32>
    /// Picks up what other programs changed in the mailbox's storage (Maildir files).
    @discardableResult
    func reconcileIfChanged(_ mailbox: Mailbox) throws -> MailStore.ReconcileReport
    /// Removes what an earlier process kept for sessions (RFC 2180 ghosts), once.
    func removeLeftoverGhosts(_ mailbox: Mailbox)
    /// Octets and messages stored for an owner.
    func usage(of owner: MailboxOwner) throws -> (bytes: Int64, messages: Int64)

    // MARK: Subscriptions and ACLs

    func subscribe(user: String, name: String) throws
    func unsubscribe(user: String, name: String) throws
    func subscriptions(user: String) throws -> [String]
    func acl(_ mailbox: Mailbox) throws -> [(identifier: String, rights: String)]
    /// Sets (empty rights: removes) an identifier's RFC 4314 rights.
    func setACL(_ mailbox: Mailbox, identifier: String, rights: String) throws
    /// Mailboxes of other owners in which `identifiers` have a right, with the union of them.
    func sharedMailboxes(visibleTo identifiers: [String]) throws -> [(Mailbox, String)]

    // MARK: Reading messages

    /// Every message in UID order, with the viewer's flags.
    func messages(in mailboxID: Int64, viewer: FlagViewer) throws -> [MessageRecord]
    /// The messages among `uids` that exist, in UID order.
    func messages(in mailboxID: Int64, uids: some Sequence<UInt32>, viewer: FlagViewer) throws -> [MessageRecord]
    /// UIDs of the messages carrying every flag of `flags` (shared flags), ascending.
    func uids(in mailboxID: Int64, flagged flags: MessageFlags) throws -> [UInt32]
    /// Messages changed and UIDs expunged after `modSeq` (RFC 7162).
    func changes(in mailboxID: Int64, since modSeq: UInt64, viewer: FlagViewer)
        throws -> (changed: [MessageRecord], expunged: [UInt32], highestModSeq: UInt64)
    func readMessage(_ mailbox: Mailbox, _ record: MessageRecord) throws -> [UInt8]
    func readMessage(_ mailbox: Mailbox, uid: UInt32) throws -> [UInt8]
    /// A stream of the message's bytes, for messages too large to read whole.
    func openMessage(_ mailbox: Mailbox, uid: UInt32) throws -> MessageReader
    /// An expunged message this session may still FETCH (RFC 2180 §4.1.1).
    func heldMessage(mailboxID: Int64, uid: UInt32, session: UUID) -> HeldMessage?
    func readMessage(_ held: HeldMessage) throws -> [UInt8]
    /// The session was told these messages are gone (nil: all, when it stops observing).
    func releaseHeld(mailboxID: Int64, uids: [UInt32]?, session: UUID)
    /// The encoded ENVELOPE and BODYSTRUCTURE, nil until computed once.
    func cachedStructure(_ mailboxID: Int64, uid: UInt32) throws -> (envelope: [UInt8]?, bodyStructure: [UInt8]?)
    func cacheStructure(_ mailboxID: Int64, uid: UInt32, envelope: [UInt8], bodyStructure: [UInt8]) throws
    /// The indexed Message-ID values (`SEARCH HEADER Message-ID`).
    func messageIDs(in mailboxID: Int64) throws -> [UInt32: [String]]
    /// The same, for some messages only (the candidates of `messageIDCandidates`).
    func messageIDs(in mailboxID: Int64, uids: [UInt32]) throws -> [UInt32: [String]]
    /// The UIDs a `HEADER Message-ID` search for `text` (ASCII, matched without regard to
    /// case) must look at: those with an indexed value containing it, and those not
    /// indexed yet. Found by the index alone, so a search in a large mailbox reads only them.
    func messageIDCandidates(in mailboxID: Int64, containing text: String) throws -> [UInt32]
    func indexMessageIDs(_ ids: [UInt32: [String]], in mailboxID: Int64) throws

    // MARK: Writing messages

    /// Stages, makes durable and indexes one message (APPEND).
    func store(_ bytes: [UInt8], into mailbox: Mailbox, internalDate: Date, flags: MessageFlags,
               keywords: [String]) async throws -> StoredMessage
    /// `store` for a message in a file holding exactly `expectedSize` octets (a spilled literal).
    func store(fileAt path: String, expectedSize: Int, into mailbox: Mailbox, internalDate: Date,
               flags: MessageFlags, keywords: [String]) async throws -> StoredMessage
    /// Writes a message into the mailbox without indexing it; `commit` or `discard` it.
    func stage(_ bytes: [UInt8], into mailbox: Mailbox, tag: String?, internalDate: Date,
               flags: MessageFlags, keywords: [String], linking source: String?) throws -> StagedMessage
    func stage(fileAt path: String, expectedSize: Int, into mailbox: Mailbox, tag: String?,
               internalDate: Date, flags: MessageFlags, keywords: [String]) throws -> StagedMessage
    /// Makes staged messages durable and indexes them in one unit (MULTIAPPEND, RFC 3502),
    /// then tells the observers.
    func commit(_ staged: [StagedMessage]) async throws -> [StoredMessage]
    /// Removes staged messages that will not be committed.
    func discard(_ staged: [StagedMessage])
    /// STORE (RFC 3501 §6.4.6, RFC 7162 UNCHANGEDSINCE).
    func updateFlags(_ mailbox: Mailbox, uids: [UInt32], operation: FlagOperation, flags: MessageFlags,
                     keywords: [String], unchangedSince: UInt64?, viewer: FlagViewer) throws -> MailStore.FlagUpdate
    /// Removes messages; returns the UIDs actually expunged, ascending.
    @discardableResult
    func expunge(_ mailbox: Mailbox, uids: [UInt32]) throws -> [UInt32]
    /// COPY/MOVE: (source UID, new UID) pairs in source order.
    func copy(_ uids: [UInt32], from source: Mailbox, to target: Mailbox, move: Bool,
              viewer: FlagViewer) async throws -> [(UInt32, UInt32)]
}

/// The defaults callers of `MailStore` are used to.
extension MailStorage {
    /// A store that reads its records anyway (the in-memory one) derives the selection from them.
    public func selection(_ mailbox: Mailbox, viewer: FlagViewer) throws -> MailboxSelection {
        let (records, status) = try snapshot(mailbox, viewer: viewer)
        return MailboxSelection(records: records, status: status)
    }

    @discardableResult
    public func ensureMailbox(owner: MailboxOwner, name: String) throws -> Mailbox {
        try ensureMailbox(owner: owner, name: name, specialUse: nil)
    }

    public func status(_ mailbox: Mailbox) throws -> MailboxStatus { try status(mailbox, viewer: .shared) }

    public func messages(in mailboxID: Int64) throws -> [MessageRecord] { try messages(in: mailboxID, viewer: .shared) }

    public func messages(in mailboxID: Int64, uids: some Sequence<UInt32>) throws -> [MessageRecord] {
        try messages(in: mailboxID, uids: uids, viewer: .shared)
    }

    public func changes(in mailboxID: Int64, since modSeq: UInt64)
        throws -> (changed: [MessageRecord], expunged: [UInt32], highestModSeq: UInt64) {
        try changes(in: mailboxID, since: modSeq, viewer: .shared)
    }

    public func stage(_ bytes: [UInt8], into mailbox: Mailbox, internalDate: Date = Date(), flags: MessageFlags = [],
                      keywords: [String] = []) throws -> StagedMessage {
        try stage(bytes, into: mailbox, tag: nil, internalDate: internalDate, flags: flags, keywords: keywords, linking: nil)
    }

    public func stage(fileAt path: String, expectedSize: Int, into mailbox: Mailbox, internalDate: Date = Date(),
                      flags: MessageFlags = [], keywords: [String] = []) throws -> StagedMessage {
        try stage(fileAt: path, expectedSize: expectedSize, into: mailbox, tag: nil, internalDate: internalDate,
                  flags: flags, keywords: keywords)
    }

    public func updateFlags(_ mailbox: Mailbox, uids: [UInt32], operation: FlagOperation, flags: MessageFlags,
                            keywords: [String]) throws -> MailStore.FlagUpdate {
        try updateFlags(mailbox, uids: uids, operation: operation, flags: flags, keywords: keywords,
                        unchangedSince: nil, viewer: .shared)
    }

    public func updateFlags(_ mailbox: Mailbox, uids: [UInt32], operation: FlagOperation, flags: MessageFlags,
                            keywords: [String], viewer: FlagViewer) throws -> MailStore.FlagUpdate {
        try updateFlags(mailbox, uids: uids, operation: operation, flags: flags, keywords: keywords,
                        unchangedSince: nil, viewer: viewer)
    }

    public func copy(_ uids: [UInt32], from source: Mailbox, to target: Mailbox,
                     move: Bool) async throws -> [(UInt32, UInt32)] {
        try await copy(uids, from: source, to: target, move: move, viewer: .shared)
    }
}
