import Durability
import Foundation
import GRDB
import InMemoryStorage
import MailStore
import Testing

/// The same operations against `MailStore` (Maildir + SQLite) and `InMemoryMailStorage`:
/// the in-memory store the session tests use must behave as the server's does.
@Suite("MailStorage: MailStore and the in-memory store agree")
struct MailStorageConformanceTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case mailStore, inMemory
        var testDescription: String { rawValue }

        func make() throws -> any MailStorage {
            switch self {
            case .inMemory:
                return InMemoryMailStorage()
            case .mailStore:
                let root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-conf-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
                return try MailStore(database: try DatabaseQueue(), mailRoot: root,
                                     barrier: try FileSystemSyncBarrier(directories: [root]), hostname: "mx")
            }
        }
    }

    static func bytes(_ n: Int) -> [UInt8] { Array("Subject: \(n)\r\nMessage-ID: <\(n)@x>\r\n\r\nbody \(n)\r\n".utf8) }

    func filled(_ kind: Kind, count: Int) async throws -> (any MailStorage, Mailbox) {
        let store = try kind.make()
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "inbox")
        for n in 1...count { _ = try await store.store(Self.bytes(n), into: inbox, internalDate: Date(), flags: [], keywords: []) }
        return (store, try #require(try store.mailbox(id: inbox.id)))
    }

    @Test(arguments: Kind.allCases)
    func uidsModSeqsAndRecent(_ kind: Kind) async throws {
        let (store, inbox) = try await filled(kind, count: 3)
        #expect(inbox.name == "INBOX" && inbox.uidNext == 4 && inbox.uidValidity > 0)
        #expect(try store.messages(in: inbox.id).map(\.uid) == [1, 2, 3])
        #expect(try store.messages(in: inbox.id).map(\.modSeq) == [2, 3, 4])
        let status = try store.status(inbox)
        #expect(status.messages == 3 && status.recent == 3 && status.unseen == 3 && status.highestModSeq == 4)
        #expect(status.size == Int64((1...3).reduce(0) { $0 + Self.bytes($1).count }))
        #expect(try store.claimRecentUIDs(inbox) == 1..<4)
        #expect(try store.claimRecentUIDs(inbox) == 4..<4)
        #expect(try store.status(inbox).recent == 0)
        #expect(try store.readMessage(inbox, uid: 2) == Self.bytes(2))
        let reader = try store.openMessage(inbox, uid: 3)
        var streamed: [UInt8] = []
        while case let chunk = try reader.read(upTo: 7), !chunk.isEmpty { streamed += chunk }
        reader.close()
        #expect(streamed == Self.bytes(3))
        #expect(try store.usage(of: .user("alice")).messages == 3)
    }

    @Test(arguments: Kind.allCases)
    func flagsKeywordsAndChanges(_ kind: Kind) async throws {
        let (store, inbox) = try await filled(kind, count: 3)
        let added = try store.updateFlags(inbox, uids: [1, 2], operation: .add, flags: [.seen, .flagged], keywords: ["$Work"])
        #expect(added.records.map(\.uid) == [1, 2] && added.records.allSatisfy { $0.flags == [.seen, .flagged] })
        _ = try store.updateFlags(inbox, uids: [2], operation: .remove, flags: [.flagged], keywords: ["$work"])
        _ = try store.updateFlags(inbox, uids: [3], operation: .replace, flags: [.answered], keywords: ["a", "b"])
        let records = try store.messages(in: inbox.id)
        #expect(records.map(\.flags) == [[.seen, .flagged], [.seen], [.answered]])
        #expect(records.map(\.keywords) == [["$Work"], [], ["a", "b"]])
        #expect(records.map(\.modSeq) == [5, 7, 8])
        // RFC 7162 §3.1.3: a message changed after UNCHANGEDSINCE is left alone.
        let conditional = try store.updateFlags(inbox, uids: [1, 3], operation: .add, flags: [.deleted], keywords: [],
                                                unchangedSince: 6, viewer: .shared)
        #expect(conditional.modified == [3] && conditional.records.map(\.uid) == [1])
        let changes = try store.changes(in: inbox.id, since: 7)
        #expect(changes.changed.map(\.uid) == [1, 3] && changes.expunged.isEmpty && changes.highestModSeq == 9)
        #expect(try store.uids(in: inbox.id, flagged: .deleted) == [1])
        #expect(try store.uids(in: inbox.id, flagged: .seen) == [1, 2])
    }

    @Test(arguments: Kind.allCases)
    func privateSeenIsPerUser(_ kind: Kind) async throws {
        let (store, inbox) = try await filled(kind, count: 2)
        let bob = FlagViewer(privateSeenUser: "bob")
        _ = try store.updateFlags(inbox, uids: [1], operation: .add, flags: [.seen], keywords: [], viewer: bob)
        #expect(try store.messages(in: inbox.id, viewer: bob).map(\.flags) == [[.seen], []])
        #expect(try store.messages(in: inbox.id).map(\.flags) == [[], []])
        #expect(try store.status(inbox, viewer: bob).unseen == 1)
        #expect(try store.status(inbox).unseen == 2)
    }

    @Test(arguments: Kind.allCases)
    func expungeCopyAndMove(_ kind: Kind) async throws {
        let (store, inbox) = try await filled(kind, count: 4)
        let archive = try store.createMailbox(owner: .user("alice"), name: "Archive/2026", specialUse: nil)
        #expect(try store.mailboxes(owner: .user("alice")).map(\.name) == ["Archive", "Archive/2026", "INBOX"])
        _ = try store.updateFlags(inbox, uids: [2], operation: .add, flags: [.flagged], keywords: ["k"])
        let copied = try await store.copy([2, 3], from: inbox, to: archive, move: false)
        #expect(copied.map(\.0) == [2, 3] && copied.map(\.1) == [1, 2])
        let moved = try await store.copy([4], from: inbox, to: archive, move: true)
        #expect(moved.map(\.1) == [3])
        let archived = try store.messages(in: archive.id)
        #expect(archived.map(\.flags) == [[.flagged], [], []] && archived[0].keywords == ["k"])
        #expect(try store.readMessage(archive, uid: 3) == Self.bytes(4))
        #expect(try store.expunge(inbox, uids: [3, 1, 9]) == [1, 3])
        #expect(try store.messages(in: inbox.id).map(\.uid) == [2])
        let changes = try store.changes(in: inbox.id, since: 5)
        #expect(changes.expunged == [1, 3, 4])
        #expect(try store.usage(of: .user("alice")).messages == 4)
    }

    @Test(arguments: Kind.allCases)
    func mailboxLifecycleAndSubscriptions(_ kind: Kind) async throws {
        let store = try kind.make()
        let owner = MailboxOwner.user("alice")
        let inbox = try store.ensureMailbox(owner: owner, name: "INBOX")
        let work = try store.createMailbox(owner: owner, name: "Work/Projects", specialUse: nil)
        #expect(throws: MailboxError.alreadyExists("Work/Projects")) {
            try store.createMailbox(owner: owner, name: "Work/Projects", specialUse: nil)
        }
        #expect(throws: MailboxError.cannotDeleteInbox) { try store.deleteMailbox(inbox) }
        let parent = try #require(try store.mailbox(owner: owner, name: "Work"))
        #expect(throws: MailboxError.hasChildren("Work")) { try store.deleteMailbox(parent) }
        try store.subscribe(user: "alice", name: "Work/Projects")
        try store.subscribe(user: "alice", name: "inbox")
        try await store.renameMailbox(parent, to: "Jobs")
        #expect(try store.mailboxes(owner: owner).map(\.name) == ["INBOX", "Jobs", "Jobs/Projects"])
        #expect(try store.mailbox(id: work.id)?.uidValidity == work.uidValidity)
        #expect(try store.subscriptions(user: "alice") == ["INBOX", "Jobs/Projects"])
        try store.deleteMailbox(try #require(try store.mailbox(id: work.id)))
        #expect(try store.mailbox(owner: owner, name: "Jobs/Projects") == nil)
        // A new mailbox of the same name gets a new UIDVALIDITY (RFC 3501 §2.3.1.1).
        let again = try store.createMailbox(owner: owner, name: "Jobs/Projects", specialUse: "\\Archive")
        #expect(again.uidValidity != work.uidValidity && again.specialUse == "\\Archive")
    }

    @Test(arguments: Kind.allCases)
    func aclsAndSharedMailboxes(_ kind: Kind) async throws {
        let store = try kind.make()
        let shared = try store.ensureMailbox(owner: .user("bob"), name: "Shared")
        try store.setACL(shared, identifier: "alice", rights: "lr")
        try store.setACL(shared, identifier: "$team", rights: "ws")
        #expect(try store.acl(shared).map(\.identifier) == ["$team", "alice"])
        let visible = try store.sharedMailboxes(visibleTo: ["alice", "$team"])
        #expect(visible.map(\.0.id) == [shared.id] && visible.map(\.1) == ["lrsw"])
        try store.setACL(shared, identifier: "alice", rights: "")
        #expect(try store.sharedMailboxes(visibleTo: ["alice"]).isEmpty)
    }

    @Test(arguments: Kind.allCases)
    func stagedMessagesCommitTogetherOrAreDiscarded(_ kind: Kind) async throws {
        let (store, inbox) = try await filled(kind, count: 1)
        let kept = try (2...3).map { try store.stage(Self.bytes($0), into: inbox, flags: [.seen]) }
        let dropped = try store.stage(Self.bytes(9), into: inbox)
        store.discard([dropped])
        let stored = try await store.commit(kept)
        #expect(stored.map(\.uid) == [2, 3])
        #expect(try store.messages(in: inbox.id).map(\.flags) == [[], [.seen], [.seen]])
        #expect(try store.readMessage(inbox, uid: 3) == Self.bytes(3))
    }

    /// RFC 2180 §4.1.1: what another session expunges stays readable for the sessions
    /// observing the mailbox.
    @Test(arguments: Kind.allCases)
    func expungedMessagesAreHeldForObservers(_ kind: Kind) async throws {
        let (store, inbox) = try await filled(kind, count: 2)
        let session = store.changes.observe(mailboxID: inbox.id) {}
        try store.expunge(inbox, uids: [2])
        let held = try #require(store.heldMessage(mailboxID: inbox.id, uid: 2, session: session))
        #expect(held.record.uid == 2)
        #expect(try store.readMessage(held) == Self.bytes(2))
        store.releaseHeld(mailboxID: inbox.id, uids: nil, session: session)
        store.changes.stopObserving(mailboxID: inbox.id, token: session)
        #expect(store.heldMessage(mailboxID: inbox.id, uid: 1, session: session) == nil)
    }
}
