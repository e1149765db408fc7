import Durability
import Foundation
import GRDB
@testable import MailStore
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
        try DurableFile.makeDirectories(folder + "/.Archive/cur")
        let report = try store.reconcileAll()
        #expect(report.indexed == 2)
        #expect(report.renamed.isEmpty)
        #expect(try store.mailbox(owner: .user("alice"), name: "Archive") != nil)
        let again = try store.reconcileAll()
        #expect(again == MailStore.ReconcileReport())
        // Removing a file expunges its row; the first message keeps UID 1.
        try DurableFile.remove(folder + "/new/1700000000.foreign.host")
        #expect(try store.reconcile(inbox).expunged == 1)
        #expect(try store.contains(base: first.base, in: inbox))
        #expect(try store.usage(of: .user("alice")).messages == 2)
    }

    /// The store's own writes (APPEND, STORE, COPY, EXPUNGE) move the scan mark with them,
    /// so SELECT does not rescan a large folder after each; a file another program drops
    /// in is still found, before or after them.
    @Test func ownWritesKeepTheScanMarkAndForeignFilesAreStillFound() async throws {
        let store = try makeStore()
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        let archive = try store.ensureMailbox(owner: .user("alice"), name: "Archive")
        let folder = store.path(inbox)
        func mark(_ box: Mailbox) throws -> [Int64] {
            try store.database.read { db in
                let row = try Row.fetchOne(db, sql: "SELECT scanned_new_mtime, scanned_cur_mtime FROM mail_mailboxes WHERE id = ?",
                                           arguments: [box.id])
                return [row?["scanned_new_mtime"] ?? 0, row?["scanned_cur_mtime"] ?? 0]
            }
        }
        func times(_ box: Mailbox) -> [Int64] {
            let times = MaildirTimes(folder: store.path(box))
            return [times.new, times.cur]
        }
        _ = try await store.store(Array("one\r\n".utf8), into: inbox)
        _ = try store.reconcileIfChanged(inbox)
        _ = try store.reconcileIfChanged(archive)
        _ = try await store.store(Array("two\r\n".utf8), into: inbox)
        _ = try await store.store(Array("three\r\n".utf8), into: inbox, flags: [.seen])
        _ = try store.updateFlags(inbox, uids: [1], operation: .add, flags: [.flagged], keywords: [])
        _ = try await store.copy([1, 2], from: inbox, to: archive)
        try store.expunge(inbox, uids: [3])
        #expect(try mark(inbox) == times(inbox))
        #expect(try mark(archive) == times(archive))
        // A foreign file, then an own write: the mark stays behind and SELECT finds it.
        try DurableFile.create(folder + "/new/1700000000.foreign.host", bytes: Array("x\r\n".utf8))
        _ = try store.updateFlags(inbox, uids: [2], operation: .add, flags: [.seen], keywords: [])
        #expect(try mark(inbox) != times(inbox))
        #expect(try store.reconcileIfChanged(inbox).indexed == 1)
        #expect(try store.messages(in: inbox.id).count == 3)
    }

    /// Start-up reconciles only folders changed since their last scan: a copy staged but
    /// never indexed (a crash between the two) and a foreign file are found; an unchanged
    /// folder is not read.
    @Test func startUpReconcilesOnlyChangedFolders() async throws {
        let store = try makeStore()
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        let archive = try store.ensureMailbox(owner: .user("alice"), name: "Archive")
        let quiet = try store.ensureMailbox(owner: .user("alice"), name: "Quiet")
        _ = try await store.store(Array("one\r\n".utf8), into: inbox)
        _ = try await store.store(Array("two\r\n".utf8), into: archive)
        _ = try store.reconcileAll()
        #expect(try store.reconcileAll(onlyChanged: true) == MailStore.ReconcileReport())
        // Staged (durable file) but the process stopped before the index commit.
        let staged = try store.stage(Array("three\r\n".utf8), into: inbox)
        try DurableFile.create(store.path(archive) + "/cur/1700000001.foreign.host:2,S", bytes: Array("y\r\n".utf8))
        // A file in a folder whose time is put back to its last scan: the folder is not
        // read at start-up (a full reconciliation does find the file).
        let scanned = MaildirTimes(folder: store.path(quiet))
        try DurableFile.create(store.path(quiet) + "/new/1700000002.unseen.host", bytes: Array("z\r\n".utf8))
        let mark = timespec(tv_sec: Int(scanned.new / 1_000_000_000), tv_nsec: Int(scanned.new % 1_000_000_000))
        var times = [mark, mark]  // access and modification
        #expect(utimensat(AT_FDCWD, store.path(quiet) + "/new", &times, 0) == 0)
        let restarted = try MailStore(database: store.database, mailRoot: store.mailRoot, barrier: store.barrier,
                                      hostname: "mx.example.com")
        let report = try restarted.reconcileAll(onlyChanged: true)
        #expect(report.indexed == 2)
        #expect(try restarted.contains(base: staged.base, in: inbox))
        #expect(try restarted.messages(in: archive.id).count == 2)
        #expect(try restarted.messages(in: quiet.id).isEmpty)
        #expect(try restarted.reconcileAll(onlyChanged: true) == MailStore.ReconcileReport())
        #expect(try restarted.reconcileAll().indexed == 1)
    }

    /// Hardening finding 1: a file another program drops in with a wrong `S=` in its name is
    /// mail; it is indexed with its real size under a corrected name, never deleted.
    @Test func foreignFileWithWrongDeclaredSizeIsKeptAndRenamed() async throws {
        let warnings = WarningLog()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mailstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let store = try MailStore(database: try DatabaseQueue(), mailRoot: root,
                                  barrier: try FileSystemSyncBarrier(directories: [root]), hostname: "mx.example.com",
                                  warning: { warnings.append($0) })
        let inbox = try store.ensureMailbox(owner: .user("big"), name: "INBOX")
        let folder = store.path(inbox)
        let body = Array("Subject: hi\r\n\r\nfourty bytes of a real message body.\r\n".utf8)
        try DurableFile.create(folder + "/new/1700000000.M0P1.big,S=300", bytes: body)
        // LF line ends and a W= that describes them: normalised, then named for the new size.
        try DurableFile.create(folder + "/cur/1700000001.M0P2.big,S=5,W=6:2,S", bytes: Array("a\nb\n".utf8))
        let report = try store.reconcile(inbox)
        #expect(report.indexed == 2)
        #expect(report.renamed.map(\.to).sorted() == ["1700000000.M0P1.big,S=\(body.count),W=\(body.count)",
                                                        "1700000001.M0P2.big,S=6,W=6"])
        #expect(DurableFile.list(folder + "/new") == ["1700000000.M0P1.big,S=\(body.count),W=\(body.count)"])
        #expect(DurableFile.list(folder + "/cur") == ["1700000001.M0P2.big,S=6,W=6:2,S"])
        #expect(try DurableFile.read(folder + "/new/1700000000.M0P1.big,S=\(body.count),W=\(body.count)") == body)
        #expect(try store.usage(of: .user("big")) == (bytes: Int64(body.count + 6), messages: 2))
        #expect(warnings.lines.count == 2 && warnings.lines.allSatisfy { $0.contains("renamed") })
        #expect(try store.reconcile(inbox) == MailStore.ReconcileReport())
    }
}

/// Collects the store's warnings for assertions.
final class WarningLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.lock(); stored.append(line); lock.unlock() }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}
