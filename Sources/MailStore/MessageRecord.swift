import GRDB
import GRDBSQLite

/// One message of a mailbox as the index knows it.
public struct MessageRecord: Hashable, Sendable {
    public var uid: UInt32
    /// Shared flags (the file name's letters); see `MailStore.view` for a reader's flags.
    public var flags: MessageFlags
    public var keywords: [String]
    public var modSeq: UInt64
    public var size: Int
    /// Seconds since 1970 (IMAP INTERNALDATE).
    public var internalDate: Int64
    /// Maildir base name and whether the file still sits in `new/`.
    public var base: String
    public var inNew: Bool

    public init(uid: UInt32, flags: MessageFlags, keywords: [String], modSeq: UInt64, size: Int, internalDate: Int64,
                base: String, inNew: Bool) {
        self.uid = uid
        self.flags = flags
        self.keywords = keywords
        self.modSeq = modSeq
        self.size = size
        self.internalDate = internalDate
        self.base = base
        self.inNew = inNew
    }

    /// Decodes the current row of a statement selecting `MailStore.columns`, straight from
    /// SQLite's column accessors: a whole-mailbox read (SELECT of 100,000 messages) spent
    /// most of its time in the generic per-value decoding of `Row`.
    init(statement: SQLiteStatement) {
        func text(_ column: Int32) -> String {
            guard let bytes = sqlite3_column_text(statement, column) else { return "" }
            return String(cString: bytes)
        }
        uid = UInt32(truncatingIfNeeded: sqlite3_column_int64(statement, 0))
        flags = MessageFlags(rawValue: Int(sqlite3_column_int64(statement, 1)))
        let words = text(2)
        keywords = words.isEmpty ? [] : words.split(separator: " ").map(String.init)
        modSeq = UInt64(bitPattern: sqlite3_column_int64(statement, 3))
        size = Int(sqlite3_column_int64(statement, 4))
        internalDate = sqlite3_column_int64(statement, 5)
        base = text(6)
        inNew = sqlite3_column_int64(statement, 7) != 0
    }

    /// Decodes a row selected with `MailStore.columns`, by position: looking columns up
    /// by name compares them case-insensitively, which costs more than the rest of the
    /// decoding when a session loads a whole mailbox.
    init(row: Row) {
        uid = UInt32(truncatingIfNeeded: row[0] as Int64)
        flags = MessageFlags(rawValue: row[1])
        let words: String = row[2]
        keywords = words.split(separator: " ").map(String.init)
        modSeq = UInt64(row[3] as Int64)
        size = row[4]
        internalDate = row[5]
        base = row[6]
        inNew = row[7]
    }

    /// Octets as IMAP and POP3 serve them (CRLF line ends): the `W=` field of the name when
    /// it has one, else the file size (files from other programs are given CRLF line ends
    /// when the store picks them up, see `MailStore.normalizeLineEnds`).
    public var servedSize: Int { MaildirFileName.crlfSize(base) ?? size }

    /// The file name inside the mailbox folder: `new/BASE` or `cur/BASE:2,FLAGS`.
    public var relativePath: String {
        inNew ? "new/" + base : "cur/" + MaildirFileName.curName(base: base, flags: flags)
    }
}

/// Counters for IMAP STATUS and SELECT.
public struct MailboxStatus: Hashable, Sendable {
    public var messages: Int
    public var recent: Int
    public var unseen: Int
    public var deleted: Int
    public var size: Int64
    public var uidNext: UInt32
    public var uidValidity: UInt32
    public var highestModSeq: UInt64

    public init(messages: Int, recent: Int, unseen: Int, deleted: Int, size: Int64, uidNext: UInt32, uidValidity: UInt32,
                highestModSeq: UInt64) {
        self.messages = messages
        self.recent = recent
        self.unseen = unseen
        self.deleted = deleted
        self.size = size
        self.uidNext = uidNext
        self.uidValidity = uidValidity
        self.highestModSeq = highestModSeq
    }
}

/// How a STORE changes flags (RFC 3501 §6.4.6).
public enum FlagOperation: Sendable, Hashable {
    case add, remove, replace

    /// The flags and keywords a message shows after this operation with `flags` and
    /// `keywords` (keywords compared without regard to case, first spelling kept).
    public func applied(to visible: MessageFlags, _ current: [String], flags: MessageFlags,
                        keywords: [String]) -> (flags: MessageFlags, keywords: [String]) {
        var newKeywords = current
        switch self {
        case .add:
            for k in keywords where !newKeywords.contains(where: { $0.lowercased() == k.lowercased() }) { newKeywords.append(k) }
            return (visible.union(flags), newKeywords)
        case .remove:
            newKeywords.removeAll { k in keywords.contains { $0.lowercased() == k.lowercased() } }
            return (visible.subtracting(flags), newKeywords)
        case .replace:
            return (flags, keywords)
        }
    }
}

extension FlagViewer {
    /// The shared flags to store when this viewer sees `visible`: with private \Seen the
    /// shared bit stays as `stored` has it.
    public func sharedFlags(_ visible: MessageFlags, stored: MessageFlags) -> MessageFlags {
        guard privateSeenUser != nil else { return visible }
        var shared = visible
        if stored.contains(.seen) { shared.insert(.seen) } else { shared.remove(.seen) }
        return shared
    }
}

/// Who reads a mailbox, for per-user \Seen (public mailboxes always, shared ones unless
/// `imap.shared_seen`): nil = the shared flags apply.
public struct FlagViewer: Sendable, Hashable {
    public var privateSeenUser: String?
    public init(privateSeenUser: String?) { self.privateSeenUser = privateSeenUser }
    public static let shared = FlagViewer(privateSeenUser: nil)
}
