import Foundation
import GRDB

/// The directory: domains, users, groups, public mailboxes, addresses, settings,
/// recipient resolution and authentication, in one SQLite database.
///
/// Every method is synchronous and may block on disk I/O (and `authenticate` on a
/// deliberately slow password hash): call them from a thread pool or a task, never on a
/// SwiftNIO event loop. The class is safe to share between threads: GRDB serializes
/// writes and gives each read a consistent snapshot (WAL mode).
public final class DirectoryStore: Sendable {
    private let writer: any DatabaseWriter

    /// The shared database. Other modules (mail store, queue) create their own tables in
    /// it through their own `DatabaseMigrator`s with distinct migration identifiers.
    public var database: any DatabaseWriter { writer }

    /// The administrator's settings, stored in the same database.
    public var settings: SettingsStore { SettingsStore(writer: writer) }

    /// Opens (creating if needed) the database file in WAL mode and brings the schema up
    /// to date.
    public init(path: String) throws(DirectoryError) {
        var config = Configuration()
        // The CLI and the server may open the same file at once: wait for the other
        // writer rather than failing with SQLITE_BUSY.
        config.busyMode = .timeout(10)
        // WAL with synchronous=NORMAL: a commit survives a crash of the process, and an
        // OS crash can lose only the last commits. Mail is never at stake: the spool and
        // Maildir files are made durable by the sync barrier before they count, and the
        // queue and mail index are rebuilt from them at start-up.
        config.prepareDatabase { db in try db.cachedStatement(sql: "PRAGMA synchronous = NORMAL").execute() }
        // It holds password hashes and relay passwords: create it 0600 whatever the umask;
        // SQLite gives its -wal and -shm the database file's mode.
        let created = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if created >= 0 { close(created) }
        do {
            writer = try DatabasePool(path: path, configuration: config)
        } catch {
            throw .storage("cannot open \(path): \(Self.message(error))")
        }
        try migrate()
    }

    /// Wraps an existing connection (shared with other modules) and migrates it.
    public init(writer: any DatabaseWriter) throws(DirectoryError) {
        self.writer = writer
        try migrate()
    }

    /// A private in-memory database, for tests and tools.
    public static func inMemory() throws(DirectoryError) -> DirectoryStore {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue()
        } catch {
            throw .storage(message(error))
        }
        return try DirectoryStore(writer: queue)
    }

    /// The migrations of the directory's tables, for modules that need to run them
    /// before their own (whose tables reference `users`).
    public static var migrator: DatabaseMigrator { DirectoryMigrations.migrator }

    private func migrate() throws(DirectoryError) {
        do {
            try DirectoryMigrations.migrator.migrate(writer)
        } catch {
            throw .storage("migration failed: \(Self.message(error))")
        }
    }

    // MARK: - Transactions with DirectoryError only

    func write<T>(_ body: (Database) throws -> T) throws(DirectoryError) -> T {
        do {
            return try writer.write { db in try body(db) }
        } catch let error as DirectoryError {
            throw error
        } catch {
            throw .storage(Self.message(error))
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(DirectoryError) -> T {
        do {
            return try writer.read { db in try body(db) }
        } catch let error as DirectoryError {
            throw error
        } catch {
            throw .storage(Self.message(error))
        }
    }

    static func message(_ error: any Error) -> String {
        if let dbError = error as? DatabaseError {
            return dbError.message ?? "\(dbError.resultCode)"
        }
        return "\(error)"
    }
}
