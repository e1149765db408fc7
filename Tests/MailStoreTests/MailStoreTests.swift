import Durability
import Foundation
import GRDB
import MailStore
import Testing

@Suite("Mail store: mailboxes, storing, reconciliation")
struct MailStoreTests {
    func makeStore() throws -> MailStore {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let barrier = try FileSystemSyncBarrier(directories: [root])
        return try MailStore(database: try DatabaseQueue(), mailRoot: root, barrier: barrier, hostname: "mx.example.com")
    }

    @Test func layoutFollowsMaildirPlusPlus() {
        #expect(MaildirLayout.directory(owner: .user("alice"), name: "INBOX") == "alice/Maildir")
        #expect(MaildirLayout.directory(owner: .user("alice"), name: "Work/2024") == "alice/Maildir/.Work.2024")
        #expect(MaildirLayout.directory(owner: .user("alice"), name: "Entwürfe") == "alice/Maildir/.Entw&APw-rfe")
        #expect(MaildirLayout.directory(owner: .user("alice"), name: "v1.2") == "alice/Maildir/.v1\\2e2")
        #expect(MaildirLayout.directory(owner: .publicNamespace, name: "sales") == "public/sales/Maildir")
        #expect(MaildirLayout.directory(owner: .publicNamespace, name: "sales/Old") == "public/sales/Maildir/.Old")
        #expect(MaildirLayout.folderName(fromDirectory: ".Work.2024") == "Work/2024")
        #expect(MaildirLayout.folderName(fromDirectory: ".v1\\2e2") == "v1.2")
        #expect(MaildirLayout.folderName(fromDirectory: ".Entw&APw-rfe") == "Entwürfe")
        #expect(MaildirLayout.folderName(fromDirectory: "cur") == nil)
    }

    @Test func inboxIsCaseInsensitiveAndMailboxesGetDistinctUIDValidity() throws {
        let store = try makeStore()
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "inbox")
        #expect(inbox.name == "INBOX")
        #expect(try store.ensureMailbox(owner: .user("alice"), name: "INBOX").id == inbox.id)
        let sent = try store.ensureMailbox(owner: .user("alice"), name: "Sent", specialUse: "\\Sent")
        #expect(sent.uidValidity != inbox.uidValidity)
        #expect(sent.specialUse == "\\Sent")
        #expect(DurableFile.exists(store.path(sent) + "/cur"))
    }

    @Test func storedMessagesGetIncreasingUIDsModSeqsAndUsage() async throws {
        let store = try makeStore()
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        let a = try await store.store(Array("a\r\n".utf8), into: inbox)
        let b = try await store.store(Array("bb\r\n".utf8), into: inbox, flags: [.seen])
        #expect(a.uid == 1 && b.uid == 2)
        #expect(b.modSeq > a.modSeq)
        #expect(try store.usage(of: .user("alice")) == (bytes: 7, messages: 2))
        #expect(try store.contains(base: a.base, in: inbox))
        #expect(DurableFile.list(store.path(inbox) + "/new") == [a.base])
        #expect(DurableFile.list(store.path(inbox) + "/cur") == [b.base + ":2,S"])
    }

    @Test func reconcileIndexesForeignFilesWithoutRenumbering() async throws {
        let store = try makeStore()
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        let first = try await store.store(Array("first\r\n".utf8), into: inbox)
        let folder = store.path(inbox)
        try DurableFile.create(folder + "/new/1700000000.foreign.host", bytes: Array("x\r\n".utf8))
        try DurableFile.create(folder + "/cur/1700000001.foreign2.host:2,FS", bytes: Array("y\r\n".utf8))
        // A torn file from a crash: its S= size does not match.
        try DurableFile.create(folder + "/new/1700000002.torn.host,S=100,W=100", bytes: Array("z".utf8))
        try DurableFile.makeDirectories(folder + "/.Archive/cur")
        let report = try store.reconcileAll()
        #expect(report.indexed == 2)
        #expect(report.removed == 1)
        #expect(try store.mailbox(owner: .user("alice"), name: "Archive") != nil)
        let again = try store.reconcileAll()
        #expect(again == MailStore.ReconcileReport())
        // Removing a file expunges its row; the first message keeps UID 1.
        try DurableFile.remove(folder + "/new/1700000000.foreign.host")
        #expect(try store.reconcile(inbox).expunged == 1)
        #expect(try store.contains(base: first.base, in: inbox))
        #expect(try store.usage(of: .user("alice")).messages == 2)
    }
}
