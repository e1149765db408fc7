import Foundation
import GRDB

/// The mailbox access keys of URLAUTH (RFC 4467 §2.2, RFC 5092 §6.1.1.2): one random
/// secret per user and mailbox, which signs the URLs that user authorizes. Replacing a key
/// revokes every URL it signed. Blocking: call off the event loops.
public protocol MailboxAccessKeyStore: Sendable {
    /// The user's key for the mailbox, made (and kept) when there is none yet.
    func key(owner: String, mailboxID: Int64) throws -> [UInt8]
    /// The key if there is one; nil: no URL signed for this mailbox can be valid.
    func existingKey(owner: String, mailboxID: Int64) throws -> [UInt8]?
    /// A new key for the mailbox (RESETKEY mailbox).
    func resetKey(owner: String, mailboxID: Int64) throws
    /// Forgets all the user's keys (RESETKEY without arguments).
    func removeKeys(owner: String) throws
}

/// Keys in the shared database (table `mail_urlauth_keys`, own migrator with the
/// `mailstore.urlauth` identifier). Keys are rows, not files: a mailbox deleted and
/// created again has a new id, so its old URLs stay invalid.
public struct SQLiteMailboxAccessKeyStore: MailboxAccessKeyStore {
    public let database: any DatabaseWriter

    public init(database: any DatabaseWriter) throws {
        self.database = database
        var migrator = DatabaseMigrator()
        migrator.registerMigration("mailstore.urlauth-keys") { db in
            try db.execute(sql: """
                -- owner: the user name the key belongs to; key: 32 random octets.
                CREATE TABLE mail_urlauth_keys (
                    owner TEXT NOT NULL,
                    mailbox_id INTEGER NOT NULL,
                    key BLOB NOT NULL,
                    PRIMARY KEY (owner, mailbox_id)
                );
                """)
        }
        try migrator.migrate(database)
    }

    public func key(owner: String, mailboxID: Int64) throws -> [UInt8] {
        try database.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO mail_urlauth_keys (owner, mailbox_id, key) VALUES (?, ?, ?)",
                           arguments: [owner, mailboxID, Data(Self.randomKey())])
            let data = try Data.fetchOne(db, sql: "SELECT key FROM mail_urlauth_keys WHERE owner = ? AND mailbox_id = ?",
                                         arguments: [owner, mailboxID])
            return Array(data ?? Data())
        }
    }

    public func existingKey(owner: String, mailboxID: Int64) throws -> [UInt8]? {
        try database.read { db in
            try Data.fetchOne(db, sql: "SELECT key FROM mail_urlauth_keys WHERE owner = ? AND mailbox_id = ?",
                              arguments: [owner, mailboxID]).map(Array.init)
        }
    }

    public func resetKey(owner: String, mailboxID: Int64) throws {
        try database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO mail_urlauth_keys (owner, mailbox_id, key) VALUES (?, ?, ?)",
                           arguments: [owner, mailboxID, Data(Self.randomKey())])
        }
    }

    public func removeKeys(owner: String) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM mail_urlauth_keys WHERE owner = ?", arguments: [owner])
        }
    }

    /// RFC 5092 §6.1.1.2: at least 128 bits from the system's generator.
    static func randomKey() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

extension MailStore {
    /// URLAUTH's keys next to the mail index (the same database).
    public func accessKeyStore() throws -> SQLiteMailboxAccessKeyStore {
        try SQLiteMailboxAccessKeyStore(database: database)
    }
}
