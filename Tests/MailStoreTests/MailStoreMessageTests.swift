import Durability
import Foundation
import GRDB
import MailStore
import Testing

@Suite("Mail store: flags, expunge, copy and move, mailbox management")
struct MailStoreMessageTests {
    func makeStore() throws -> MailStore {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-msg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return try MailStore(database: try DatabaseQueue(), mailRoot: root,
                             barrier: try FileSystemSyncBarrier(directories: [root]), hostname: "mx")
    }

    func fill(_ store: MailStore, _ mailbox: Mailbox, count: Int) async throws {
        for i in 0..<count { _ = try await store.store(Array("Subject: \(i)\r\n\r\nx\r\n".utf8), into: mailbox) }
    }

    @Test func flagChangesBumpModSeqAndRenameFiles() async throws {
        let store = try makeStore()
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        try await fill(store, inbox, count: 2)
        let before = try store.messages(in: inbox.id)
        let update = try store.updateFlags(inbox, uids: [1], operation: .add, flags: [.seen, .flagged], keywords: ["$Junk"])
        #expect(update.records.map(\.flags) == [[.seen, .flagged]])
        #expect(update.records[0].keywords == ["$Junk"])
        #expect(update.records[0].modSeq > before.map(\.modSeq).max()!)
        #expect(try store.readMessage(inbox, uid: 1) == Array("Subject: 0\r\n\r\nx\r\n".utf8))
        #expect(DurableFile.list(store.path(inbox) + "/cur").contains { $0.hasSuffix(":2,FS") })
        // UNCHANGEDSINCE below the current MODSEQ refuses the change (RFC 7162).
        let conditional = try store.updateFlags(inbox, uids: [1, 2], operation: .remove, flags: [.seen], keywords: [],
                                                unchangedSince: before[1].modSeq)
        #expect(conditional.modified == [1])
        #expect(conditional.records.map(\.uid) == [2])
        let changes = try store.changes(in: inbox.id, since: before.map(\.modSeq).max()!)
        #expect(changes.changed.map(\.uid) == [1])
        // Replacing with nothing puts the letters away; the file is found under its new name.
        _ = try store.updateFlags(inbox, uids: [1], operation: .replace, flags: [], keywords: [])
        #expect(try store.record(inbox.id, uid: 1)?.flags == [])
        #expect(try store.readMessage(inbox, uid: 1).count == 17)
    }

    @Test func privateSeenIsPerReader() async throws {
        let store = try makeStore()
        let shared = try store.ensureMailbox(owner: .publicNamespace, name: "sales")
        try await fill(store, shared, count: 1)
        let bob = FlagViewer(privateSeenUser: "bob"), carol = FlagViewer(privateSeenUser: "carol")
        _ = try store.updateFlags(shared, uids: [1], operation: .add, flags: [.seen, .answered], keywords: [], viewer: bob)
        #expect(try store.messages(in: shared.id, viewer: bob)[0].flags == [.seen, .answered])
        #expect(try store.messages(in: shared.id, viewer: carol)[0].flags == [.answered])
        #expect(try store.status(shared, viewer: carol).unseen == 1)
        #expect(try store.status(shared, viewer: bob).unseen == 0)
    }

    @Test func expungeRemembersUIDsForQResync() async throws {
        let store = try makeStore()
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        try await fill(store, inbox, count: 3)
        let mark = try store.status(inbox).highestModSeq
        #expect(try store.expunge(inbox, uids: [2, 9]) == [2])
        #expect(try store.messages(in: inbox.id).map(\.uid) == [1, 3])
        #expect(try store.changes(in: inbox.id, since: mark).expunged == [2])
        #expect(try store.usage(of: .user("alice")).messages == 2)
        #expect(DurableFile.list(store.path(inbox) + "/new").count == 2)
    }

    @Test func copyAndMoveKeepFlagsAndDates() async throws {
        let store = try makeStore()
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        let archive = try store.createMailbox(owner: .user("alice"), name: "Archive/2026")
        #expect(try store.mailbox(owner: .user("alice"), name: "Archive") != nil)
        try await fill(store, inbox, count: 3)
        _ = try store.updateFlags(inbox, uids: [1], operation: .add, flags: [.flagged], keywords: ["work"])
        let copied = try await store.copy([1, 2], from: inbox, to: archive)
        #expect(copied.map { $0.0 } == [1, 2] && copied.map { $0.1 } == [1, 2])
        let moved = try await store.copy([3], from: inbox, to: archive, move: true)
        #expect(moved.map { $0.1 } == [3])
        let target = try store.messages(in: archive.id)
        #expect(target[0].flags == [.flagged] && target[0].keywords == ["work"])
        #expect(try store.messages(in: inbox.id).map(\.uid) == [1, 2])
        #expect(try store.readMessage(archive, uid: 3) == Array("Subject: 2\r\n\r\nx\r\n".utf8))
        #expect(try store.usage(of: .user("alice")).messages == 5)
    }

    @Test func createRenameDeleteMailboxes() async throws {
        let store = try makeStore()
        let owner = MailboxOwner.user("alice")
        let work = try store.createMailbox(owner: owner, name: "Work")
        _ = try store.createMailbox(owner: owner, name: "Work/2025")
        #expect(throws: MailboxError.alreadyExists("Work")) { try store.createMailbox(owner: owner, name: "Work") }
        #expect(throws: MailboxError.hasChildren("Work")) { try store.deleteMailbox(work) }
        try await fill(store, work, count: 1)
        try store.subscribe(user: "alice", name: "Work/2025")
        try await store.renameMailbox(work, to: "Jobs")
        let jobs = try #require(try store.mailbox(owner: owner, name: "Jobs"))
        #expect(jobs.uidValidity == work.uidValidity)
        #expect(try store.readMessage(jobs, uid: 1).count > 0)
        #expect(try store.mailbox(owner: owner, name: "Jobs/2025") != nil)
        #expect(try store.subscriptions(user: "alice") == ["Jobs/2025"])
        #expect(try store.mailbox(owner: owner, name: "Work") == nil)
        let child = try #require(try store.mailbox(owner: owner, name: "Jobs/2025"))
        try store.deleteMailbox(child)
        try store.deleteMailbox(jobs)
        #expect(try store.usage(of: owner).messages == 0)
        let inbox = try store.ensureMailbox(owner: owner, name: "INBOX")
        #expect(throws: MailboxError.cannotDeleteInbox) { try store.deleteMailbox(inbox) }
    }

    @Test func renamingInboxMovesItsMessages() async throws {
        let store = try makeStore()
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        try await fill(store, inbox, count: 2)
        try await store.renameMailbox(inbox, to: "Old")
        #expect(try store.messages(in: inbox.id).isEmpty)
        let old = try #require(try store.mailbox(owner: .user("alice"), name: "Old"))
        #expect(try store.messages(in: old.id).count == 2)
    }

    @Test func aclRightsAreNormalisedAndMerged() throws {
        let store = try makeStore()
        let box = try store.createMailbox(owner: .user("alice"), name: "Shared")
        try store.setACL(box, identifier: "bob", rights: "lrd")
        try store.setACL(box, identifier: "anyone", rights: "lrs")
        #expect(try store.acl(box).map(\.rights) == ["lrs", "lrte"])
        let visible = try store.sharedMailboxes(visibleTo: ["bob", "anyone"])
        #expect(visible.count == 1 && visible[0].1 == "lrste")
        try store.setACL(box, identifier: "bob", rights: "")
        #expect(try store.acl(box).map(\.identifier) == ["anyone"])
    }
}
