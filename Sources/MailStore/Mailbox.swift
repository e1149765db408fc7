import GRDB

/// One mailbox (folder) and its IMAP counters.
public struct Mailbox: Hashable, Sendable {
    public var id: Int64
    public var owner: MailboxOwner
    /// IMAP name, '/'-separated; `INBOX` for a user's inbox.
    public var name: String
    /// Maildir folder relative to `mail/`.
    public var directory: String
    public var uidValidity: UInt32
    public var uidNext: UInt32
    public var highestModSeq: UInt64
    /// Messages with a UID at or above this are \Recent for the next session that selects
    /// the mailbox read-write (RFC 3501 §2.3.2).
    public var firstRecentUID: UInt32
    /// RFC 6154 attribute, e.g. `\Sent`.
    public var specialUse: String?

    public init(id: Int64, owner: MailboxOwner, name: String, directory: String, uidValidity: UInt32, uidNext: UInt32,
                highestModSeq: UInt64, firstRecentUID: UInt32, specialUse: String?) {
        self.id = id
        self.owner = owner
        self.name = name
        self.directory = directory
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.highestModSeq = highestModSeq
        self.firstRecentUID = firstRecentUID
        self.specialUse = specialUse
    }

    init(row: Row) {
        id = row["id"]
        owner = MailboxOwner(key: row["owner"])
        name = row["name"]
        directory = row["directory"]
        uidValidity = UInt32(truncatingIfNeeded: row["uid_validity"] as Int64)
        uidNext = UInt32(truncatingIfNeeded: row["uid_next"] as Int64)
        highestModSeq = UInt64(row["highest_modseq"] as Int64)
        firstRecentUID = UInt32(truncatingIfNeeded: row["first_recent_uid"] as Int64)
        specialUse = row["special_use"]
    }
}

/// A message file written into a Maildir but not indexed yet (see `MailStore.commit`).
public struct StagedMessage: Sendable, Hashable {
    public var mailboxID: Int64
    public var owner: MailboxOwner
    public var base: String
    public var inNew: Bool
    public var flags: MessageFlags
    public var keywords: [String]
    public var internalDate: Int64
    public var size: Int
    /// Absolute path of the file, for cleanup if the commit fails.
    public var path: String
    /// ENVELOPE and BODYSTRUCTURE, computed while the bytes were in memory.
    public var structure: MessageStructure? = nil
    /// The folder's times just before and after the file went in (see `MaildirTimes`).
    var folderChange: MaildirTimes.Change?

    public init(mailboxID: Int64, owner: MailboxOwner, base: String, inNew: Bool, flags: MessageFlags, keywords: [String],
                internalDate: Int64, size: Int, path: String, structure: MessageStructure? = nil) {
        self.mailboxID = mailboxID
        self.owner = owner
        self.base = base
        self.inNew = inNew
        self.flags = flags
        self.keywords = keywords
        self.internalDate = internalDate
        self.size = size
        self.path = path
        self.structure = structure
    }
}

/// A message as indexed.
public struct StoredMessage: Sendable, Hashable {
    public var mailboxID: Int64
    public var uid: UInt32
    public var modSeq: UInt64
    public var base: String

    public init(mailboxID: Int64, uid: UInt32, modSeq: UInt64, base: String) {
        self.mailboxID = mailboxID
        self.uid = uid
        self.modSeq = modSeq
        self.base = base
    }
}
