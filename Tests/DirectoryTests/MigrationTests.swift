import Foundation
import GRDB
import Testing
@testable import Directory

@Suite("Schema and migrations")
struct MigrationTests {
    @Test func fileDatabaseOpensTwiceAndKeepsItsData() throws {
        let dir = try TemporaryDirectory()
        let path = dir.url.appendingPathComponent("postino.sqlite").path
        do {
            let store = try DirectoryStore(path: path)
            try store.addDomain("example.com")
            try store.addUser("alice", password: .plain("pw"))
            try store.settings.set(.maxRecipients, "77")
        }
        // Second open: migrations already applied, nothing lost or duplicated.
        let again = try DirectoryStore(path: path)
        #expect(try again.domains().map(\.name) == ["example.com"])
        #expect(try again.settings.int(.maxRecipients) == 77)
        #expect(again.authenticate(login: "alice", password: "pw", service: .imap) != .failure(.invalidCredentials))
        let applied = try again.database.read { db in try DirectoryStore.migrator.appliedIdentifiers(db) }
        #expect(applied == ["directory.v1"])
        // A third open on a separate connection works while the second is alive.
        let third = try DirectoryStore(path: path)
        #expect(try third.users().map(\.name) == ["alice"])
    }

    @Test func fileDatabaseIsInWALMode() throws {
        let dir = try TemporaryDirectory()
        let store = try DirectoryStore(path: dir.url.appendingPathComponent("wal.sqlite").path)
        let mode = try store.database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func otherModulesCanAddTheirOwnMigrations() throws {
        let dir = try TemporaryDirectory()
        let path = dir.url.appendingPathComponent("shared.sqlite").path
        let store = try DirectoryStore(path: path)
        var other = DatabaseMigrator()
        other.registerMigration("mailstore.v1") { db in
            try db.execute(sql: "CREATE TABLE mailboxes (user_name TEXT NOT NULL REFERENCES users(name), name TEXT NOT NULL)")
        }
        try other.migrate(store.database)
        // The directory's migrator tolerates the foreign migration on the next open.
        let reopened = try DirectoryStore(path: path)
        let tables = try reopened.database.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }
        #expect(tables.contains("mailboxes") && tables.contains("users"))
    }

    @Test func schemaHasEveryTable() throws {
        let store = try DirectoryStore.inMemory()
        let tables = try store.database.read { db in
            try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        }
        for table in ["domains", "users", "user_forwards", "groups", "group_members", "public_mailboxes",
                      "public_mailbox_groups", "addresses", "address_destinations", "settings"] {
            #expect(tables.contains(table), "table \(table)")
        }
    }

    @Test func foreignKeysProtectDestinationsEvenFromRawSQL() throws {
        let store = try makeFixture()
        try store.addAddress("info@example.com", destinations: [.user("bob")], internalOnly: false)
        #expect(throws: (any Error).self) {
            try store.database.write { db in try db.execute(sql: "DELETE FROM users WHERE name = 'bob'") }
        }
    }

    @Test func concurrentReadersAndWritersOnAFileDatabase() async throws {
        let dir = try TemporaryDirectory()
        let store = try DirectoryStore(path: dir.url.appendingPathComponent("busy.sqlite").path)
        try store.addDomain("example.com")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<20 {
                group.addTask { try store.addUser("user\(i)", password: .none) }
                group.addTask {
                    let resolution = try store.resolve("user\(i)@example.com", sender: .external)
                    // Either before or after the user exists, never anything else.
                    #expect(resolution == .refused(.unknownRecipient)
                        || resolution.destinations == [mailbox("user\(i)")])
                }
            }
            try await group.waitForAll()
        }
        #expect(try store.users().count == 20)
    }

    @Test func invalidPathIsAClearError() {
        let message = errorMessage { _ = try DirectoryStore(path: "/nonexistent-dir/x/postino.sqlite") }
        #expect(message?.hasPrefix("directory database error: cannot open /nonexistent-dir/x/postino.sqlite") == true)
    }
}
