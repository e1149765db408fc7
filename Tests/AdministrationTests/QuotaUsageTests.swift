import Durability
import Foundation
import MailStore
import Testing
@testable import Administration

@Suite("Quota usage")
struct QuotaUsageTests {
    /// `user list` reads the mail index's usage, which EXPUNGE (and so POP3 DELE) lowers;
    /// before a mail index exists the directory's summary stands in.
    @Test func followsTheMailIndex() async throws {
        let admin = try makeAdministration()
        try admin.addUser("john")
        try admin.addUser("mary")
        try admin.directory.setQuotaUsage("john", bytes: 123)
        #expect(try admin.user("john").quota_used == 123)

        let root = admin.spoolDirectory.deletingLastPathComponent().appendingPathComponent("mail")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let store = try MailStore(database: admin.directory.database, mailRoot: root,
                                  barrier: try FileSystemSyncBarrier(directories: [root]), hostname: "mx")
        #expect(try admin.users().map(\.quota_used) == [0, 0])

        let inbox = try store.ensureMailbox(owner: .user("john"), name: "INBOX")
        let bytes = Array("Subject: hi\r\n\r\nhello\r\n".utf8)
        let first = try await store.store(bytes, into: inbox)
        _ = try await store.store(bytes, into: inbox)
        #expect(try admin.users().map(\.quota_used) == [Int64(2 * bytes.count), 0])
        _ = try store.expunge(inbox, uids: [first.uid])
        #expect(try admin.user("john").quota_used == Int64(bytes.count))
        #expect(try admin.user("mary").quota_used == 0)
    }
}
