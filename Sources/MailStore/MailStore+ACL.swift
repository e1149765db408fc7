import GRDB

/// RFC 4314 rights as stored: a string of right letters (l r s w i p k x t e a).
extension MailStore {
    public static let allRights = "lrswipkxtea"

    public func acl(_ mailbox: Mailbox) throws -> [(identifier: String, rights: String)] {
        try database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT identifier, rights FROM mail_acl WHERE mailbox_id = ? ORDER BY identifier"),
                             arguments: [mailbox.id]).map { ($0["identifier"], $0["rights"]) }
        }
    }

    /// Sets (or, with empty rights, removes) an identifier's rights.
    public func setACL(_ mailbox: Mailbox, identifier: String, rights: String) throws {
        try database.write { db in
            if rights.isEmpty {
                try db.execute(sql: "DELETE FROM mail_acl WHERE mailbox_id = ? AND identifier = ?",
                               arguments: [mailbox.id, identifier])
            } else {
                try db.cachedStatement(sql: """
                    INSERT INTO mail_acl (mailbox_id, identifier, rights) VALUES (?, ?, ?)
                    ON CONFLICT DO UPDATE SET rights = excluded.rights
                    """).execute(arguments: [mailbox.id, identifier, Self.normalizedRights(rights)])
            }
        }
    }

    /// Mailboxes of other owners in which `identifiers` (a user, its groups as `$group`,
    /// `anyone`) have any right, with the union of their rights.
    public func sharedMailboxes(visibleTo identifiers: [String]) throws -> [(Mailbox, String)] {
        guard !identifiers.isEmpty else { return [] }
        return try database.read { db in
            let marks = identifiers.map { _ in "?" }.joined(separator: ",")
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.*, a.rights AS acl_rights FROM mail_mailboxes m JOIN mail_acl a ON a.mailbox_id = m.id
                WHERE a.identifier IN (\(marks)) ORDER BY m.owner, m.name
                """, arguments: StatementArguments(identifiers))
            var merged: [Int64: (Mailbox, String)] = [:]
            var order: [Int64] = []
            for row in rows {
                let mailbox = Mailbox(row: row)
                let rights: String = row["acl_rights"]
                if let existing = merged[mailbox.id] {
                    merged[mailbox.id] = (mailbox, Self.normalizedRights(existing.1 + rights))
                } else {
                    merged[mailbox.id] = (mailbox, rights)
                    order.append(mailbox.id)
                }
            }
            return order.compactMap { merged[$0] }
        }
    }

    /// Rights letters in canonical order, without duplicates or unknown letters; the
    /// obsolete `c` and `d` (RFC 2086) map to `k`/`x` and `t`/`e` (RFC 4314 §2.1.1).
    public static func normalizedRights(_ rights: String) -> String {
        var set = Set(rights.lowercased())
        if set.remove("c") != nil { set.formUnion(["k", "x"]) }
        if set.remove("d") != nil { set.formUnion(["t", "e"]) }
        return String(allRights.filter { set.contains($0) })
    }
}
