import Foundation
import GRDB

/// The Message-ID index (`mail_messages.message_id`): written with the message when the
/// store computes its structure, or by the first search that had to read the file.
extension MailStore {
    static func joinedMessageIDs(_ ids: [String]) -> String { ids.joined(separator: "\n") }

    static func splitMessageIDs(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The Message-ID values of the messages whose values are indexed.
    public func messageIDs(in mailboxID: Int64) throws -> [UInt32: [String]] {
        try database.read { db in
            var known: [UInt32: [String]] = [:]
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT uid, message_id FROM mail_messages WHERE mailbox_id = ? AND message_id IS NOT NULL
                """), arguments: [mailboxID])
            while let row = try rows.next() {
                known[UInt32(truncatingIfNeeded: row[0] as Int64)] = Self.splitMessageIDs(row[1])
            }
            return known
        }
    }

    /// The indexed Message-ID values of some messages, looked up one by one.
    public func messageIDs(in mailboxID: Int64, uids: [UInt32]) throws -> [UInt32: [String]] {
        try database.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT message_id FROM mail_messages WHERE mailbox_id = ? AND uid = ? AND message_id IS NOT NULL
                """)
            var known: [UInt32: [String]] = [:]
            for uid in uids {
                if let text = try String.fetchOne(statement, arguments: [mailboxID, Int64(uid)]) {
                    known[uid] = Self.splitMessageIDs(text)
                }
            }
            return known
        }
    }

    /// UIDs whose indexed Message-ID values contain `text` (LIKE: ASCII case-insensitive,
    /// its wildcards escaped), or that are not indexed yet — or that hold a character
    /// outside printable ASCII, which Unicode lowercasing (what the search compares) might
    /// turn into the text (K, the Kelvin sign, is k), so the candidates are never fewer
    /// than the matches.
    public func messageIDCandidates(in mailboxID: Int64, containing text: String) throws -> [UInt32] {
        var pattern = "%"
        for character in text {
            if character == "%" || character == "_" || character == "\\" { pattern.append("\\") }
            pattern.append(character)
        }
        pattern.append("%")
        // GLOB: any character but the values' "\n" separator and space through tilde.
        let unusual = "*[^\n -~]*"
        return try database.read { db in
            try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT uid FROM mail_messages
                WHERE mailbox_id = ? AND (message_id IS NULL OR message_id LIKE ? ESCAPE '\\' OR message_id GLOB ?)
                ORDER BY uid
                """), arguments: [mailboxID, pattern, unusual]).map { UInt32(truncatingIfNeeded: $0) }
        }
    }

    /// Indexes Message-ID values read from the messages' files.
    public func indexMessageIDs(_ ids: [UInt32: [String]], in mailboxID: Int64) throws {
        guard !ids.isEmpty else { return }
        try database.write { db in
            let statement = try db.cachedStatement(sql: "UPDATE mail_messages SET message_id = ? WHERE mailbox_id = ? AND uid = ?")
            for (uid, values) in ids {
                try statement.execute(arguments: [Self.joinedMessageIDs(values), mailboxID, Int64(uid)])
            }
        }
    }

    /// Everything the index caches about a message, when all of it is cached (a copy
    /// carries it along).
    func cachedFacts(_ mailboxID: Int64, uid: UInt32) throws -> MessageStructure? {
        try database.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT envelope, bodystructure, message_id FROM mail_messages WHERE mailbox_id = ? AND uid = ?
                """), arguments: [mailboxID, Int64(uid)]) else { return nil }
            guard let envelope = row[0] as Data?, let structure = row[1] as Data? else { return nil }
            return MessageStructure(envelope: [UInt8](envelope), bodyStructure: [UInt8](structure),
                                    messageIDs: (row[2] as String?).map(Self.splitMessageIDs))
        }
    }
}
