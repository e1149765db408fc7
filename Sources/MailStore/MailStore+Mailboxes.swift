import Durability
import Foundation
import GRDB

/// Why a mailbox operation was refused (IMAP turns these into NO with a response code).
public enum MailboxError: Error, Equatable, Sendable, CustomStringConvertible {
    case alreadyExists(String)
    case nonexistent(String)
    case hasChildren(String)
    case cannotDeleteInbox

    public var description: String {
        switch self {
        case .alreadyExists(let name): return "Mailbox already exists: \(name)"
        case .nonexistent(let name): return "Mailbox doesn't exist: \(name)"
        case .hasChildren(let name): return "Mailbox has children, delete them first: \(name)"
        case .cannotDeleteInbox: return "INBOX cannot be deleted"
        }
    }
}

extension MailStore {
    /// CREATE: the mailbox and any missing parents (RFC 3501 §6.3.3).
    @discardableResult
    public func createMailbox(owner: MailboxOwner, name: String, specialUse: String? = nil) throws -> Mailbox {
        let canonical = Self.canonicalName(name)
        if try mailbox(owner: owner, name: canonical) != nil { throw MailboxError.alreadyExists(canonical) }
        let components = canonical.split(separator: "/").map(String.init)
        for depth in 1..<max(1, components.count) {
            try ensureMailbox(owner: owner, name: components.prefix(depth).joined(separator: "/"))
        }
        return try ensureMailbox(owner: owner, name: canonical, specialUse: specialUse)
    }

    /// DELETE: refuses INBOX and mailboxes with children; removes files and rows.
    public func deleteMailbox(_ mailbox: Mailbox) throws {
        if mailbox.owner != .publicNamespace && mailbox.name == "INBOX" { throw MailboxError.cannotDeleteInbox }
        let children = try database.read { db in
            try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM mail_mailboxes WHERE owner = ? AND name LIKE ? ESCAPE '\\'"),
                             arguments: [mailbox.owner.key, Self.likePrefix(mailbox.name)]) ?? 0
        }
        if children > 0 { throw MailboxError.hasChildren(mailbox.name) }
        try database.write { db in
            let usage = try Row.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(SUM(size), 0) AS bytes, COUNT(*) AS n FROM mail_messages WHERE mailbox_id = ?"),
                                         arguments: [mailbox.id])
            try Self.addUsage(owner: mailbox.owner, bytes: -(usage?["bytes"] ?? 0), messages: -(usage?["n"] ?? 0), db)
            try Self.rememberUIDValidity(Int64(mailbox.uidValidity), owner: mailbox.owner, name: mailbox.name, db)
            try db.cachedStatement(sql: "DELETE FROM mail_mailboxes WHERE id = ?").execute(arguments: [mailbox.id])
            // Subscriptions stay: RFC 3501 §6.3.6, a server "MUST NOT unilaterally remove an
            // existing mailbox name from the subscription list even if a mailbox by that
            // name no longer exists".
        }
        try? FileManager.default.removeItem(atPath: path(mailbox))
        changes.changed([mailbox.id])
    }

    /// RENAME (RFC 3501 §6.3.5): the mailbox and its children keep their UIDVALIDITY and
    /// messages. Renaming INBOX moves its messages into a new mailbox and leaves INBOX empty.
    /// The database and file work runs in `BlockingIO` with GRDB's synchronous API, as in
    /// every store: GRDB's async API needs a thread of the pool BlockingIO work blocks in,
    /// and under load that deadlocked the server (commit 0c922ab).
    public func renameMailbox(_ mailbox: Mailbox, to newName: String) async throws {
        let target = Self.canonicalName(newName)
        if mailbox.owner != .publicNamespace && mailbox.name == "INBOX" {
            let (destination, uids) = try await BlockingIO.run { [self] in
                if try self.mailbox(owner: mailbox.owner, name: target) != nil { throw MailboxError.alreadyExists(target) }
                return (try createMailbox(owner: mailbox.owner, name: target), try messages(in: mailbox.id).map(\.uid))
            }
            _ = try await copy(uids, from: mailbox, to: destination, move: true)
            return
        }
        try await BlockingIO.run { [self] in try renameFamily(mailbox, to: target) }
    }

    /// Renames a mailbox and its children, directories and index rows together.
    private func renameFamily(_ mailbox: Mailbox, to target: String) throws {
        if try self.mailbox(owner: mailbox.owner, name: target) != nil { throw MailboxError.alreadyExists(target) }
        let components = target.split(separator: "/").map(String.init)
        for depth in 1..<max(1, components.count) {
            try ensureMailbox(owner: mailbox.owner, name: components.prefix(depth).joined(separator: "/"))
        }
        try database.write { db in
            let family = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT id, name, directory FROM mail_mailboxes WHERE owner = ? AND (name = ? OR name LIKE ? ESCAPE '\\')
                ORDER BY length(name) DESC
                """), arguments: [mailbox.owner.key, mailbox.name, Self.likePrefix(mailbox.name)])
            // Children first (deepest names), so each rename moves a leaf directory.
            for row in family {
                let oldName: String = row["name"]
                let renamed = target + oldName.dropFirst(mailbox.name.count)
                let directory = MaildirLayout.directory(owner: mailbox.owner, name: renamed)
                let oldDirectory: String = row["directory"]
                if let validity = try Int64.fetchOne(db.cachedStatement(sql: "SELECT uid_validity FROM mail_mailboxes WHERE id = ?"),
                                                     arguments: [row["id"] as Int64]) {
                    try Self.rememberUIDValidity(validity, owner: mailbox.owner, name: oldName, db)
                }
                try DurableFile.rename(mailRoot.path + "/" + oldDirectory, mailRoot.path + "/" + directory)
                try db.execute(sql: "UPDATE mail_mailboxes SET name = ?, directory = ? WHERE id = ?",
                               arguments: [renamed, directory, row["id"] as Int64])
                try db.execute(sql: "UPDATE mail_subscriptions SET mailbox = ? WHERE mailbox = ? AND user_name = ?",
                               arguments: [renamed, oldName, mailbox.owner.key])
            }
        }
    }

    static func likePrefix(_ name: String) -> String {
        name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "/%"
    }

    // MARK: Subscriptions

    public func subscribe(user: String, name: String) throws {
        try database.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO mail_subscriptions (user_name, mailbox) VALUES (?, ?)",
                           arguments: [user, Self.canonicalName(name)])
        }
    }

    public func unsubscribe(user: String, name: String) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM mail_subscriptions WHERE user_name = ? AND mailbox = ?",
                           arguments: [user, Self.canonicalName(name)])
        }
    }

    public func subscriptions(user: String) throws -> [String] {
        try database.read { db in
            try String.fetchAll(db.cachedStatement(sql: "SELECT mailbox FROM mail_subscriptions WHERE user_name = ? ORDER BY mailbox"),
                                arguments: [user])
        }
    }

    // MARK: Status

    /// The counters, summed by SQLite: STATUS of every folder is what clients poll most.
    public func status(_ mailbox: Mailbox, viewer: FlagViewer = .shared) throws -> MailboxStatus {
        try database.read { db in
            guard let current = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM mail_mailboxes WHERE id = ?"),
                                                 arguments: [mailbox.id]).map(Mailbox.init) else {
                throw MailboxError.nonexistent(mailbox.name)
            }
            let seen = MessageFlags.seen.rawValue, deleted = MessageFlags.deleted.rawValue
            let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT COUNT(*), TOTAL(uid >= ?), TOTAL((flags & ?) = 0), TOTAL((flags & ?) != 0), TOTAL(size)
                FROM mail_messages WHERE mailbox_id = ?
                """), arguments: [Int64(current.firstRecentUID), seen, deleted, mailbox.id])
            let messages: Int = row?[0] ?? 0
            var unseen = Int(row?[2] as Double? ?? 0)
            if let user = viewer.privateSeenUser {
                // Per-user \Seen: unseen is what this user has not marked.
                let marked = try Int.fetchOne(db.cachedStatement(sql: """
                    SELECT COUNT(*) FROM mail_private_flags p JOIN mail_messages m ON m.mailbox_id = p.mailbox_id AND m.uid = p.uid
                    WHERE p.mailbox_id = ? AND p.user_name = ? AND (p.flags & ?) != 0
                    """), arguments: [mailbox.id, user, seen]) ?? 0
                unseen = messages - marked
            }
            return MailboxStatus(messages: messages, recent: Int(row?[1] as Double? ?? 0), unseen: unseen,
                                 deleted: Int(row?[3] as Double? ?? 0), size: Int64(row?[4] as Double? ?? 0),
                                 uidNext: current.uidNext, uidValidity: current.uidValidity,
                                 highestModSeq: current.highestModSeq)
        }
    }

    /// A read-write SELECT takes the \Recent messages (RFC 3501 §2.3.2): returns the first
    /// recent UID for this session and moves the mailbox's mark past them.
    public func claimRecent(_ mailbox: Mailbox) throws -> UInt32 {
        try claimRecentUIDs(mailbox).lowerBound
    }

    /// Claims the messages no session has claimed yet (RFC 3501 §2.3.2: a message is
    /// \Recent in exactly one session): returns the UIDs from the mailbox's mark to its
    /// UIDNEXT, which are \Recent in the caller only, and moves the mark past them. A
    /// selected read-write session calls this at SELECT and whenever it is told of new
    /// messages.
    public func claimRecentUIDs(_ mailbox: Mailbox) throws -> Range<UInt32> {
        try database.write { db in
            let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT first_recent_uid, uid_next FROM mail_mailboxes WHERE id = ?"),
                                       arguments: [mailbox.id])
            let first: Int64 = row?["first_recent_uid"] ?? 1
            let next: Int64 = row?["uid_next"] ?? 1
            if next > first {
                try db.cachedStatement(sql: "UPDATE mail_mailboxes SET first_recent_uid = ? WHERE id = ?").execute(arguments: [next, mailbox.id])
            }
            let lower = UInt32(truncatingIfNeeded: first)
            return lower..<max(lower, UInt32(truncatingIfNeeded: next))
        }
    }
}
