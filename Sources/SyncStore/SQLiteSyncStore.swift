import Durability
import Foundation
import GRDB
import MailStore
import Sync

/// Synchronization jobs, runs and copied-message links in the server's SQLite database,
/// next to the mail index so that indexing a batch and recording it as copied is one
/// transaction.
public final class SQLiteSyncStore: SyncStore {
    let database: any DatabaseWriter
    let mail: MailStore

    public init(mail: MailStore) throws {
        self.mail = mail
        self.database = mail.database
        var migrator = DatabaseMigrator()
        migrator.registerMigration("sync-v1") { db in
            try db.execute(sql: """
                CREATE TABLE sync_jobs (
                    local_user TEXT PRIMARY KEY NOT NULL, job TEXT NOT NULL, last_run TEXT);
                CREATE TABLE sync_folders (
                    local_user TEXT NOT NULL, folder TEXT NOT NULL, uid_validity INTEGER NOT NULL,
                    PRIMARY KEY (local_user, folder));
                CREATE TABLE sync_messages (
                    local_user TEXT NOT NULL, folder TEXT NOT NULL, remote_uid INTEGER NOT NULL,
                    mailbox_id INTEGER NOT NULL, local_uid INTEGER NOT NULL, flags TEXT NOT NULL,
                    PRIMARY KEY (local_user, folder, remote_uid));
                """)
        }
        try migrator.migrate(database)
    }

    // MARK: Jobs

    public func job(_ localUser: String) async throws -> SyncJob? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT job FROM sync_jobs WHERE local_user = ?", arguments: [localUser])
                .map { try JSONDecoder().decode(SyncJob.self, from: Data($0.utf8)) }
        }
    }

    public func jobs() async throws -> [SyncJob] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT job FROM sync_jobs ORDER BY local_user")
                .map { try JSONDecoder().decode(SyncJob.self, from: Data($0.utf8)) }
        }
    }

    public func save(_ job: SyncJob) async throws {
        let text = String(decoding: try JSONEncoder().encode(job), as: UTF8.self)
        try await write { db in
            try db.execute(sql: """
                INSERT INTO sync_jobs (local_user, job) VALUES (?, ?)
                ON CONFLICT(local_user) DO UPDATE SET job = excluded.job
                """, arguments: [job.localUser, text])
        }
    }

    public func remove(_ localUser: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM sync_jobs WHERE local_user = ?", arguments: [localUser])
            let removed = db.changesCount > 0
            try db.execute(sql: "DELETE FROM sync_folders WHERE local_user = ?", arguments: [localUser])
            try db.execute(sql: "DELETE FROM sync_messages WHERE local_user = ?", arguments: [localUser])
            return removed
        }
    }

    public func lastRun(_ localUser: String) async throws -> SyncRunStats? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT last_run FROM sync_jobs WHERE local_user = ?", arguments: [localUser])
                .map { try JSONDecoder().decode(SyncRunStats.self, from: Data($0.utf8)) }
        }
    }

    public func recordRun(_ localUser: String, _ stats: SyncRunStats) async throws {
        let text = String(decoding: try JSONEncoder().encode(stats), as: UTF8.self)
        try await write { db in
            try db.execute(sql: "UPDATE sync_jobs SET last_run = ? WHERE local_user = ?", arguments: [text, localUser])
        }
    }

    // MARK: Folders and messages

    public func folderState(_ localUser: String, remoteFolder: String) async throws -> SyncFolderState {
        try await read { db in
            let validity = try Int64.fetchOne(db, sql: "SELECT uid_validity FROM sync_folders WHERE local_user = ? AND folder = ?",
                                              arguments: [localUser, remoteFolder])
            var links: [UInt32: SyncLink] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT remote_uid, mailbox_id, local_uid, flags FROM sync_messages WHERE local_user = ? AND folder = ?
                """, arguments: [localUser, remoteFolder])
            for row in rows {
                let uid = UInt32(truncatingIfNeeded: row[0] as Int64)
                links[uid] = SyncLink(remoteUID: uid, localMailboxID: row[1],
                                      localUID: UInt32(truncatingIfNeeded: row[2] as Int64), flags: row[3])
            }
            return SyncFolderState(uidValidity: validity.map { UInt32(truncatingIfNeeded: $0) }, links: links)
        }
    }

    public func resetFolder(_ localUser: String, remoteFolder: String, uidValidity: UInt32) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM sync_messages WHERE local_user = ? AND folder = ?", arguments: [localUser, remoteFolder])
            try db.execute(sql: """
                INSERT INTO sync_folders (local_user, folder, uid_validity) VALUES (?, ?, ?)
                ON CONFLICT(local_user, folder) DO UPDATE SET uid_validity = excluded.uid_validity
                """, arguments: [localUser, remoteFolder, Int64(uidValidity)])
        }
    }

    public func commitCopies(_ localUser: String, remoteFolder: String, _ copies: [SyncCopy]) async throws -> [UInt32] {
        let mail = self.mail
        return try await write { db in
            let stored = try mail.commit(copies.map(\.staged), in: db)
            for (copy, message) in zip(copies, stored) {
                try Self.link(db, localUser, remoteFolder,
                              SyncLink(remoteUID: copy.remoteUID, localMailboxID: message.mailboxID, localUID: message.uid,
                                       flags: copy.flags))
            }
            return stored.map(\.uid)
        }
    }

    public func recordLinks(_ localUser: String, remoteFolder: String, _ links: [SyncLink]) async throws {
        try await write { db in
            for link in links { try Self.link(db, localUser, remoteFolder, link) }
        }
    }

    public func forget(_ localUser: String, remoteFolder: String, remoteUIDs: [UInt32]) async throws {
        try await write { db in
            for uid in remoteUIDs {
                try db.cachedStatement(sql: "DELETE FROM sync_messages WHERE local_user = ? AND folder = ? AND remote_uid = ?")
                    .execute(arguments: [localUser, remoteFolder, Int64(uid)])
            }
        }
    }

    static func link(_ db: Database, _ localUser: String, _ folder: String, _ link: SyncLink) throws {
        try db.cachedStatement(sql: """
            INSERT INTO sync_messages (local_user, folder, remote_uid, mailbox_id, local_uid, flags) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(local_user, folder, remote_uid) DO UPDATE SET
                mailbox_id = excluded.mailbox_id, local_uid = excluded.local_uid, flags = excluded.flags
            """).execute(arguments: [localUser, folder, Int64(link.remoteUID), link.localMailboxID, Int64(link.localUID), link.flags])
    }

    // Synchronous GRDB on a BlockingIO thread (see SQLiteFilterState).
    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let database = self.database
        return try await BlockingIO.run { try database.read(body) }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let database = self.database
        return try await BlockingIO.run { try database.write(body) }
    }
}
