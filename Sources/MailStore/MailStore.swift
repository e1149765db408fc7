import Durability
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Mailboxes: Maildir++ folders under `mail/` and their index in the shared SQLite
/// database. The only module that touches mail files (ARCHITECTURE.md).
///
/// Writes follow one rule: files first, then index rows, and callers that need durability
/// (delivery, APPEND) pass a `FileSystemSyncBarrier` round between the two, so an index row
/// never points at a file that a crash could lose.
public final class MailStore: Sendable {
    public let database: any DatabaseWriter
    public let mailRoot: URL
    public let barrier: FileSystemSyncBarrier
    /// Change notices for sessions (in-process unless the caller hands in another).
    public let changes: any MailboxChangeNotifying
    /// Expunged messages other sessions may still FETCH (RFC 2180 §4.1.1).
    public let expungedHold = ExpungedMessageHold()
    /// Store writes in progress per mailbox (see `MailboxWritesInFlight`).
    public let writesInFlight = MailboxWritesInFlight()
    /// Goes into Maildir file names.
    public let hostName: String
    /// Where the store reports what it changed on its own (foreign files it renamed): the
    /// server's mail log.
    let warning: @Sendable (String) -> Void
    /// Computes the cached ENVELOPE and BODYSTRUCTURE of the messages the store writes, so
    /// the first FETCH of them reads no file; nil leaves them to be computed on first FETCH.
    let structureEncoder: MessageStructure.Encoder?

    public init(database: any DatabaseWriter, mailRoot: URL, barrier: FileSystemSyncBarrier, hostname: String,
                structureEncoder: MessageStructure.Encoder? = nil,
                changes: any MailboxChangeNotifying = MailboxChangeHub(),
                warning: @escaping @Sendable (String) -> Void = { _ in }) throws {
        self.changes = changes
        self.warning = warning
        self.structureEncoder = structureEncoder
        self.database = database
        self.mailRoot = mailRoot
        self.barrier = barrier
        self.hostName = hostname
        try MailStoreMigrations.migrator.migrate(database)
    }

    public func path(_ mailbox: Mailbox) -> String {
        mailRoot.path + "/" + mailbox.directory
    }

    // MARK: Mailboxes

    public func mailbox(owner: MailboxOwner, name: String) throws -> Mailbox? {
        try database.read { db in try Self.mailbox(owner: owner, name: name, db) }
    }

    public func mailbox(id: Int64) throws -> Mailbox? {
        try database.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM mail_mailboxes WHERE id = ?"), arguments: [id]).map(Mailbox.init)
        }
    }

    static func mailbox(owner: MailboxOwner, name: String, _ db: Database) throws -> Mailbox? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM mail_mailboxes WHERE owner = ? AND name = ?"),
                         arguments: [owner.key, canonicalName(name)]).map(Mailbox.init)
    }

    public func mailboxes(owner: MailboxOwner) throws -> [Mailbox] {
        try database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM mail_mailboxes WHERE owner = ? ORDER BY name"),
                             arguments: [owner.key]).map(Mailbox.init)
        }
    }

    /// `INBOX` in any case is the inbox (RFC 3501 §5.1).
    package static func canonicalName(_ name: String) -> String {
        if name.uppercased() == "INBOX" { return "INBOX" }
        if name.count > 6, name.prefix(6).uppercased() == "INBOX/" { return "INBOX/" + name.dropFirst(6) }
        return name
    }

    /// The mailbox, created (directories and row) when missing.
    @discardableResult
    public func ensureMailbox(owner: MailboxOwner, name: String, specialUse: String? = nil) throws -> Mailbox {
        if let existing = try mailbox(owner: owner, name: name) { return existing }
        let canonical = Self.canonicalName(name)
        let directory = MaildirLayout.directory(owner: owner, name: canonical)
        for sub in ["cur", "new", "tmp"] {
            try DurableFile.makeDirectories(mailRoot.path + "/" + directory + "/" + sub)
        }
        return try database.write { db in
            if let raced = try Self.mailbox(owner: owner, name: canonical, db) { return raced }
            try db.cachedStatement(sql: """
                INSERT INTO mail_mailboxes (owner, name, directory, uid_validity, special_use)
                VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [owner.key, canonical, directory, try Self.newUIDValidity(owner: owner, name: canonical, db),
                                 specialUse])
            return try Self.mailbox(owner: owner, name: canonical, db)!
        }
    }

    /// Seconds since 1970, but never equal to or below one already used, so a mailbox that
    /// is deleted and created again within a second still gets a new UIDVALIDITY.
    static func newUIDValidity(_ db: Database) throws -> Int64 {
        let now = Int64(Date().timeIntervalSince1970)
        let highest = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(uid_validity) FROM mail_mailboxes")) ?? 0
        return max(now, highest + 1) & 0xFFFF_FFFF
    }

    /// RFC 3501 §2.3.1.1: the clock's seconds, but above the last value this name had (a
    /// mailbox deleted and created again within a second) and above the owner's other
    /// mailboxes (distinct values per account). Values are distinct per owner, not across
    /// the whole server, so accounts created together do not push UIDVALIDITY ahead of
    /// the clock.
    static func newUIDValidity(owner: MailboxOwner, name: String, _ db: Database) throws -> Int64 {
        let now = Int64(Date().timeIntervalSince1970) & 0xFFFF_FFFF
        let used = try Int64.fetchOne(db.cachedStatement(sql: "SELECT uid_validity FROM mail_uidvalidity_used WHERE owner = ? AND name = ?"),
                                      arguments: [owner.key, name]) ?? 0
        let owned = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(uid_validity) FROM mail_mailboxes WHERE owner = ?"),
                                       arguments: [owner.key]) ?? 0
        let floor = max(used, owned)
        let value = max(floor >= now ? (floor + 1) & 0xFFFF_FFFF : now, 1)
        try rememberUIDValidity(value, owner: owner, name: name, db)
        return value
    }

    /// Records the UIDVALIDITY a name had (at creation, and when it is deleted or renamed).
    static func rememberUIDValidity(_ value: Int64, owner: MailboxOwner, name: String, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO mail_uidvalidity_used (owner, name, uid_validity) VALUES (?, ?, ?)
            ON CONFLICT(owner, name) DO UPDATE SET uid_validity = MAX(uid_validity, excluded.uid_validity)
            """).execute(arguments: [owner.key, name, value])
    }

    // MARK: Storing messages

    /// The Maildir base name `stage` gives these bytes with this tag.
    public func baseName(for bytes: [UInt8], tag: String, internalDate: Date) -> String {
        MaildirFileName.base(time: internalDate, tag: tag, host: hostName, size: bytes.count,
                             crlfSize: MaildirFileName.crlfSize(of: bytes))
    }

    /// Writes a message file into the mailbox's Maildir (`tmp/` then `new/`, or `cur/` when
    /// it has flags) without syncing and without indexing. `tag` makes the name
    /// deterministic (see `MaildirFileName.base`). `source`, a file holding exactly `bytes`
    /// that is never modified (a spooled message), is hard-linked instead of copied when it
    /// can be: no new inode and no data written per copy, as Dovecot's deliver does.
    public func stage(_ bytes: [UInt8], into mailbox: Mailbox, tag: String? = nil, internalDate: Date = Date(),
                      flags: MessageFlags = [], keywords: [String] = [], linking source: String? = nil) throws -> StagedMessage {
        let base = baseName(for: bytes, tag: tag ?? MaildirFileName.uniqueTag(), internalDate: internalDate)
        let folder = path(mailbox)
        let temporary = folder + "/tmp/" + base
        let inNew = flags.isEmpty && keywords.isEmpty
        let final = inNew ? folder + "/new/" + base : folder + "/cur/" + MaildirFileName.curName(base: base, flags: flags)
        try? DurableFile.remove(temporary)
        // Another file system or a missing source: write the bytes instead.
        let linked = source.map { link($0, temporary) == 0 } ?? false
        if !linked { try DurableFile.create(temporary, bytes: bytes) }
        let before = MaildirTimes(folder: folder)
        do {
            try DurableFile.rename(temporary, final)
        } catch {
            try? DurableFile.remove(temporary)
            throw error
        }
        var staged = StagedMessage(mailboxID: mailbox.id, owner: mailbox.owner, base: base, inNew: inNew, flags: flags,
                                   keywords: keywords, internalDate: Int64(internalDate.timeIntervalSince1970),
                                   size: bytes.count, path: final, structure: structureEncoder?(bytes))
        staged.folderChange = MaildirTimes.Change(before: before, after: MaildirTimes(folder: folder))
        return staged
    }

    /// Indexes staged files inside the caller's transaction: UIDs and MODSEQs in order,
    /// usage updated. Call `changes.changed` after the transaction commits.
    public func commit(_ staged: [StagedMessage], in db: Database) throws -> [StoredMessage] {
        var stored: [StoredMessage] = []
        for message in staged {
            if let change = message.folderChange { try MaildirTimes.advanceScanMark(mailboxID: message.mailboxID, change, db) }
            // A start-up or SELECT reconciliation may have indexed the file already.
            if let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT uid, modseq FROM mail_messages WHERE mailbox_id = ? AND file = ?"),
                                               arguments: [message.mailboxID, message.base]) {
                stored.append(StoredMessage(mailboxID: message.mailboxID, uid: UInt32(truncatingIfNeeded: existing["uid"] as Int64),
                                            modSeq: UInt64(existing["modseq"] as Int64), base: message.base))
                continue
            }
            let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT uid_next, highest_modseq FROM mail_mailboxes WHERE id = ?"),
                                       arguments: [message.mailboxID])
            guard let row else { throw FileSystemError("mailbox \(message.mailboxID) vanished", errno: ENOENT) }
            let uid: Int64 = row["uid_next"]
            let modseq: Int64 = (row["highest_modseq"] as Int64) + 1
            try db.cachedStatement(sql: """
                INSERT INTO mail_messages (mailbox_id, uid, file, in_new, flags, keywords, internal_date, size, modseq, added_at,
                                           envelope, bodystructure, message_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [message.mailboxID, uid, message.base, message.inNew, message.flags.rawValue,
                                 message.keywords.joined(separator: " "), message.internalDate, message.size, modseq,
                                 Int64(Date().timeIntervalSince1970),
                                 message.structure.map { Data($0.envelope) }, message.structure.map { Data($0.bodyStructure) },
                                 message.structure?.messageIDs.map(Self.joinedMessageIDs)])
            try db.execute(sql: "UPDATE mail_mailboxes SET uid_next = ?, highest_modseq = ? WHERE id = ?",
                           arguments: [uid + 1, modseq, message.mailboxID])
            try Self.addUsage(owner: message.owner, bytes: Int64(message.size), messages: 1, db)
            stored.append(StoredMessage(mailboxID: message.mailboxID, uid: UInt32(truncatingIfNeeded: uid),
                                        modSeq: UInt64(modseq), base: message.base))
        }
        return stored
    }

    /// Stages, syncs and indexes one message (IMAP APPEND, Sieve fileinto of a copy…).
    public func store(_ bytes: [UInt8], into mailbox: Mailbox, internalDate: Date = Date(),
                      flags: MessageFlags = [], keywords: [String] = []) async throws -> StoredMessage {
        writesInFlight.begin(mailbox.id)
        defer { writesInFlight.end(mailbox.id) }
        let staged = try await BlockingIO.run { [self] in
            try stage(bytes, into: mailbox, internalDate: internalDate, flags: flags, keywords: keywords)
        }
        do {
            try await barrier.sync()
            let stored = try await BlockingIO.run { [self] in
                try database.write { db in try commit([staged], in: db) }
            }
            changes.changed([mailbox.id])
            return stored[0]
        } catch {
            try? DurableFile.remove(staged.path)
            throw error
        }
    }

    /// True when a file with this base name is already in the mailbox: indexed, or still
    /// waiting in `new/` for the index (a crash between writing and indexing).
    public func contains(base: String, in mailbox: Mailbox) throws -> Bool {
        let indexed = try database.read { db in
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM mail_messages WHERE mailbox_id = ? AND file = ?"),
                              arguments: [mailbox.id, base]) ?? false
        }
        return indexed || DurableFile.exists(path(mailbox) + "/new/" + base)
    }

    // MARK: Usage (quota)

    static func addUsage(owner: MailboxOwner, bytes: Int64, messages: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO mail_usage (owner, bytes, messages) VALUES (?, ?, ?)
            ON CONFLICT(owner) DO UPDATE SET bytes = bytes + excluded.bytes, messages = messages + excluded.messages
            """).execute(arguments: [owner.key, bytes, messages])
    }

    /// Octets and messages stored for an owner.
    public func usage(of owner: MailboxOwner) throws -> (bytes: Int64, messages: Int64) {
        try database.read { db in try Self.usage(of: owner, in: db) }
    }

    public static func usage(of owner: MailboxOwner, in db: Database) throws -> (bytes: Int64, messages: Int64) {
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT bytes, messages FROM mail_usage WHERE owner = ?"),
                                   arguments: [owner.key])
        return (row?["bytes"] ?? 0, row?["messages"] ?? 0)
    }
}

extension MailStore {
    /// The owner's mailbox that holds a file with this base name (indexed, or waiting in
    /// `new/` after a crash), nil when none does.
    public func mailbox(holding base: String, owner: MailboxOwner) throws -> Mailbox? {
        let indexed = try database.read { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT b.* FROM mail_mailboxes b JOIN mail_messages m ON m.mailbox_id = b.id
                WHERE b.owner = ? AND m.file = ? LIMIT 1
                """), arguments: [owner.key, base]).map(Mailbox.init)
        }
        if let indexed { return indexed }
        return try mailboxes(owner: owner).first { DurableFile.exists(path($0) + "/new/" + base) }
    }
}
