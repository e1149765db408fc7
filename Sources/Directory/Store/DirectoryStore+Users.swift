import Foundation
import GRDB
import MailCore

extension DirectoryStore {
    /// Adds a user. `quota`: nil = the `quota.default` setting, 0 = unlimited, else bytes.
    @discardableResult
    public func addUser(_ name: String, password: PasswordInput, quota: Int64? = nil) throws(DirectoryError) -> User {
        let user = try ReservedNames.newUserName(name)
        try Self.checkQuota(quota)
        let hash = try passwordHash(for: password)
        return try write { db in
            try Self.checkNameFree(user, kind: .user, db)
            try db.execute(sql: "INSERT INTO users(name, password_hash, quota_bytes, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [user, hash, quota, Date()])
            return try Self.loadUser(user, db)!
        }
    }

    /// All users, sorted by name.
    public func users() throws(DirectoryError) -> [User] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM users ORDER BY name")).map { row in
                RowDecoding.user(row, forwards: try RowDecoding.forwards(of: row["name"], db))
            }
        }
    }

    /// The user (case-insensitive), or nil.
    public func user(named name: String) throws(DirectoryError) -> User? {
        guard let user = try? NameRules.entityName(name, kind: .user) else { return nil }
        return try read { db in try Self.loadUser(user, db) }
    }

    /// Removes the user, their forwards and group memberships. Refused while an address
    /// delivers to the user (change the address first), and for the last administrator.
    /// Stored mail is not touched here.
    public func removeUser(_ name: String) throws(DirectoryError) {
        let user = try NameRules.entityName(name, kind: .user)
        try write { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE name = ?"), arguments: [user]) else {
                throw DirectoryError.notFound(.user, user)
            }
            if let spec = try Self.addressUsing(column: "user_name", value: user, db) {
                throw DirectoryError.inUse(.user, user, by: "address \(spec)")
            }
            if row["is_administrator"] as Bool,
               try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM users WHERE is_administrator")) == 1 {
                throw DirectoryError.notAllowed("user \(user) is the only administrator and cannot be removed")
            }
            try db.cachedStatement(sql: "DELETE FROM users WHERE name = ?").execute(arguments: [user])
        }
    }

    /// Replaces the password; `.none` makes login impossible.
    public func setPassword(_ name: String, _ password: PasswordInput) throws(DirectoryError) {
        let user = try NameRules.entityName(name, kind: .user)
        let hash = try passwordHash(for: password)
        try write { db in
            try db.cachedStatement(sql: "UPDATE users SET password_hash = ? WHERE name = ?").execute(arguments: [hash, user])
            if db.changesCount == 0 { throw DirectoryError.notFound(.user, user) }
        }
    }

    public func updateUser(_ name: String, _ update: UserUpdate) throws(DirectoryError) {
        let user = try NameRules.entityName(name, kind: .user)
        if let quota = update.quota { try Self.checkQuota(quota) }
        if let days = update.spamRetentionDays, let d = days, !SettingKey.spamRetentionRange.contains(Int64(d)) {
            throw .notAllowed("spam retention must be \(SettingKey.spamRetentionRange.lowerBound) to \(SettingKey.spamRetentionRange.upperBound) days")
        }
        if let used = update.quotaUsedBytes, used < 0 { throw .notAllowed("quota usage cannot be negative") }
        var forwards: [EmailAddress]?
        if let list = update.forwards {
            var seen = Set<String>()
            forwards = []
            for address in list {
                let normalized = try NameRules.externalAddress(address.description)
                if seen.insert(normalized.description.lowercased()).inserted { forwards?.append(normalized) }
            }
        }
        try write { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE name = ?"), arguments: [user]) else {
                throw DirectoryError.notFound(.user, user)
            }
            var assignments: [String] = []
            var arguments = StatementArguments()
            func set(_ column: String, _ value: (any DatabaseValueConvertible)?) {
                assignments.append("\(column) = ?")
                arguments += [value]
            }
            if let v = update.imapEnabled { set("imap_enabled", v) }
            if let v = update.pop3Enabled { set("pop3_enabled", v) }
            if let v = update.smtpAuthEnabled { set("smtp_auth_enabled", v) }
            if let v = update.keepCopy { set("keep_copy", v) }
            if let v = update.quota { set("quota_bytes", v) }
            if let v = update.spamRetentionDays { set("spam_retention_days", v) }
            if let v = update.quotaUsedBytes { set("quota_used_bytes", v) }
            if let v = update.isAdministrator {
                if !v, row["is_administrator"] as Bool,
                   try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM users WHERE is_administrator")) == 1 {
                    throw DirectoryError.notAllowed("user \(user) is the only administrator")
                }
                set("is_administrator", v)
            }
            if !assignments.isEmpty {
                arguments += [user]
                try db.execute(sql: "UPDATE users SET \(assignments.joined(separator: ", ")) WHERE name = ?", arguments: arguments)
            }
            if let forwards {
                try db.cachedStatement(sql: "DELETE FROM user_forwards WHERE user_name = ?").execute(arguments: [user])
                for (position, address) in forwards.enumerated() {
                    try db.execute(sql: "INSERT INTO user_forwards(user_name, position, address) VALUES (?, ?, ?)",
                                   arguments: [user, position, address.description])
                }
            }
        }
    }

    /// Records the mailbox usage summary (called by the mail store on login and delivery).
    public func setQuotaUsage(_ name: String, bytes: Int64) throws(DirectoryError) {
        try updateUser(name, UserUpdate(quotaUsedBytes: bytes))
    }

    /// `setQuotaUsage` inside the caller's transaction (local delivery records the usage
    /// it caused together with the messages).
    public static func recordQuotaUsage(_ name: String, bytes: Int64, in db: Database) throws {
        try db.cachedStatement(sql: "UPDATE users SET quota_used_bytes = ? WHERE name = ?")
            .execute(arguments: [max(0, bytes), name.lowercased()])
    }

    /// Days spam stays in the user's Junk folder (0 = forever).
    public func spamRetentionDays(forUser name: String) throws(DirectoryError) -> Int {
        guard let user = try user(named: name) else { throw .notFound(.user, name.lowercased()) }
        if let days = user.spamRetentionDays { return days }
        return try settings.int(.spamRetentionDays)
    }

    /// Names of the users flagged as administrators, sorted.
    public func administrators() throws(DirectoryError) -> [String] {
        try read { db in try String.fetchAll(db.cachedStatement(sql: "SELECT name FROM users WHERE is_administrator ORDER BY name")) }
    }

    /// Makes sure an administrator exists. On first start creates the user `admin` with a
    /// random 20-character password and returns that password (shown once, never stored in
    /// clear); returns nil when an administrator already exists. An existing non-admin
    /// user called `admin` is promoted instead (nil: its password is unchanged).
    public func ensureAdministrator() throws(DirectoryError) -> String? {
        if try !administrators().isEmpty { return nil }
        let password = Self.randomPassword(length: 20)
        let hash = try PasswordHasher.hash(password, scheme: try settings.passwordScheme())
        return try write { db in
            if try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM users WHERE is_administrator"))! > 0 { return nil }
            if try Row.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM users WHERE name = 'admin'")) != nil {
                try db.cachedStatement(sql: "UPDATE users SET is_administrator = 1 WHERE name = 'admin'").execute()
                return nil
            }
            try Self.checkNameFree("admin", kind: .user, db)
            try db.execute(sql: "INSERT INTO users(name, password_hash, is_administrator, created_at) VALUES ('admin', ?, 1, ?)",
                           arguments: [hash, Date()])
            return password
        }
    }

    // MARK: - Helpers

    func passwordHash(for input: PasswordInput) throws(DirectoryError) -> String? {
        switch input {
        case let .plain(password):
            return try PasswordHasher.hash(password, scheme: try settings.passwordScheme())
        case let .hash(hash):
            return try PasswordHasher.normalizeImportedHash(hash)
        case .none:
            return nil
        }
    }

    static func loadUser(_ name: String, _ db: Database) throws -> User? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE name = ?"), arguments: [name]) else { return nil }
        return RowDecoding.user(row, forwards: try RowDecoding.forwards(of: name, db))
    }

    static func checkQuota(_ quota: Int64?) throws(DirectoryError) {
        if let quota, quota < 0 { throw .notAllowed("a quota is 0 (unlimited) or a positive number of bytes") }
    }

    /// Users, groups and public mailboxes share one name space: the name is a local part
    /// at every domain and a folder name.
    static func checkNameFree(_ name: String, kind: EntityKind, _ db: Database) throws {
        let tables: [(EntityKind, String)] = [(.user, "users"), (.group, "\"groups\""), (.publicMailbox, "public_mailboxes")]
        for (owner, table) in tables where try Row.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE name = ?", arguments: [name]) != nil {
            throw owner == kind ? DirectoryError.alreadyExists(kind, name) : DirectoryError.nameTaken(name, by: owner)
        }
    }

    /// The spec of one address whose destinations use `value` in `column`, if any.
    static func addressUsing(column: String, value: String, _ db: Database) throws -> String? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT a.local_part, a.domain FROM address_destinations d JOIN addresses a ON a.id = d.address_id
            WHERE d.\(column) = ? ORDER BY a.local_part, a.domain LIMIT 1
            """, arguments: [value]) else { return nil }
        return "\(row["local_part"] as String)@\((row["domain"] as String?) ?? "*")"
    }

    static func randomPassword(length: Int) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".utf8)
        var rng = SystemRandomNumberGenerator()
        return String(decoding: (0..<length).map { _ in alphabet[Int(rng.next(upperBound: UInt64(alphabet.count)))] }, as: UTF8.self)
    }
}
