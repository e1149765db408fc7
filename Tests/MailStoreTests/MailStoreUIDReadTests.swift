import Durability
import Foundation
import GRDB
import MailStore
import Testing

@Suite("Mail store: reads by UID, counters, cached structure, message readers")
struct MailStoreUIDReadTests {
    func makeStore(encoder: MessageStructure.Encoder? = nil) throws -> MailStore {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-uid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return try MailStore(database: try DatabaseQueue(), mailRoot: root,
                             barrier: try FileSystemSyncBarrier(directories: [root]), hostname: "mx", structureEncoder: encoder)
    }

    func fill(_ store: MailStore, _ mailbox: Mailbox, count: Int) async throws {
        for i in 1...count { _ = try await store.store(Array("Subject: \(i)\r\n\r\nbody \(i)\r\n".utf8), into: mailbox) }
    }

    @Test func messagesByUIDReturnOnlyThoseThatExistInUIDOrder() async throws {
        let store = try makeStore()
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        try await fill(store, inbox, count: 10)
        try store.expunge(inbox, uids: [4])
        let records = try store.messages(in: inbox.id, uids: [9, 2, 3, 4, 5, 3, 42])
        #expect(records.map(\.uid) == [2, 3, 5, 9])
        #expect(try store.messages(in: inbox.id, uids: []).isEmpty)
        // Many separate ranges take the scan path: same answer.
        let odd = Array(stride(from: UInt32(1), through: 600, by: 2))
        #expect(try store.messages(in: inbox.id, uids: odd).map(\.uid) == [1, 3, 5, 7, 9])
    }

    @Test func messagesByUIDCarryTheReadersPrivateSeen() async throws {
        let store = try makeStore()
        let shared = try store.ensureMailbox(owner: .publicNamespace, name: "sales")
        try await fill(store, shared, count: 3)
        let bob = FlagViewer(privateSeenUser: "bob")
        _ = try store.updateFlags(shared, uids: [2], operation: .add, flags: [.seen], keywords: [], viewer: bob)
        #expect(try store.messages(in: shared.id, uids: [1, 2], viewer: bob).map(\.flags) == [[], [.seen]])
        #expect(try store.messages(in: shared.id, uids: [2]).map(\.flags) == [[]])
    }

    @Test func deletedUIDsComeFromTheSharedFlags() async throws {
        let store = try makeStore()
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        try await fill(store, inbox, count: 5)
        _ = try store.updateFlags(inbox, uids: [2, 5], operation: .add, flags: [.deleted, .seen], keywords: [])
        _ = try store.updateFlags(inbox, uids: [3], operation: .add, flags: [.seen], keywords: [])
        #expect(try store.uids(in: inbox.id, flagged: .deleted) == [2, 5])
    }

    @Test func statusCountersMatchTheSnapshot() async throws {
        let store = try makeStore()
        let shared = try store.ensureMailbox(owner: .publicNamespace, name: "sales")
        try await fill(store, shared, count: 6)
        _ = try store.claimRecentUIDs(shared)
        try await fill(store, shared, count: 2)
        _ = try store.updateFlags(shared, uids: [1, 2], operation: .add, flags: [.seen], keywords: [])
        _ = try store.updateFlags(shared, uids: [3], operation: .add, flags: [.deleted], keywords: [])
        let carol = FlagViewer(privateSeenUser: "carol")
        _ = try store.updateFlags(shared, uids: [4], operation: .add, flags: [.seen], keywords: [], viewer: carol)
        try store.expunge(shared, uids: [1])
        for viewer in [FlagViewer.shared, carol] {
            let status = try store.status(shared, viewer: viewer)
            #expect(status == (try store.snapshot(shared, viewer: viewer).status))
            #expect(status.messages == 7 && status.recent == 2 && status.deleted == 1)
        }
        #expect(try store.status(shared).unseen == 6)
        #expect(try store.status(shared, viewer: carol).unseen == 6)
        #expect(try store.status(shared).size == (try store.messages(in: shared.id)).reduce(0) { $0 + Int64($1.size) })
    }

    /// SELECT's integer-only read agrees with the whole snapshot: UIDs, the viewer's first
    /// unseen message, each keyword once, and the counters.
    @Test func selectionAgreesWithTheSnapshot() async throws {
        let store = try makeStore()
        let shared = try store.ensureMailbox(owner: .publicNamespace, name: "sales")
        try await fill(store, shared, count: 6)
        _ = try store.updateFlags(shared, uids: [1, 2, 4], operation: .add, flags: [.seen], keywords: [])
        _ = try store.updateFlags(shared, uids: [2], operation: .add, flags: [], keywords: ["$Work", "Urgent"])
        _ = try store.updateFlags(shared, uids: [5], operation: .add, flags: [.deleted], keywords: ["$work", "$Home"])
        let dave = FlagViewer(privateSeenUser: "dave")
        _ = try store.updateFlags(shared, uids: [1], operation: .add, flags: [.seen], keywords: [], viewer: dave)
        try store.expunge(shared, uids: [5])
        for (viewer, firstUnseen) in [(FlagViewer.shared, 3), (dave, 2)] {
            let selection = try store.selection(shared, viewer: viewer)
            let (records, status) = try store.snapshot(shared, viewer: viewer)
            #expect(selection == MailboxSelection(records: records, status: status))
            #expect(selection.uids == [1, 2, 3, 4, 6] && selection.firstUnseen == firstUnseen)
        }
        #expect(try store.selection(shared, viewer: .shared).keywords == ["$Work", "Urgent"])
        _ = try store.updateFlags(shared, uids: [6], operation: .add, flags: [], keywords: ["$Home"])
        #expect(try store.selection(shared, viewer: .shared).keywords == ["$Work", "Urgent", "$Home"])
    }

    @Test func storingComputesTheCachedStructureAndCopiesCarryIt() async throws {
        let store = try makeStore(encoder: { bytes in
            MessageStructure(envelope: Array("E\(bytes.count)".utf8), bodyStructure: Array("B".utf8))
        })
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        let archive = try store.ensureMailbox(owner: .user("alice"), name: "Archive")
        try await fill(store, inbox, count: 1)
        let expected = Array("E\(Array("Subject: 1\r\n\r\nbody 1\r\n".utf8).count)".utf8)
        let cached = try store.cachedStructure(inbox.id, uid: 1)
        #expect(cached.envelope == expected && cached.bodyStructure == Array("B".utf8))
        let pairs = try await store.copy([1], from: inbox, to: archive)
        #expect(try store.cachedStructure(archive.id, uid: pairs[0].1).envelope == expected)
        // Without an encoder nothing is cached: FETCH computes it later.
        let plain = try makeStore()
        let box = try plain.ensureMailbox(owner: .user("bob"), name: "INBOX")
        try await fill(plain, box, count: 1)
        #expect(try plain.cachedStructure(box.id, uid: 1).envelope == nil)
    }

    @Test func readersFindTheMessageAfterAFlagChangeRenamedIt() async throws {
        let store = try makeStore()
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        try await fill(store, inbox, count: 1)
        let stale = try #require(try store.messages(in: inbox.id).first)
        _ = try store.updateFlags(inbox, uids: [1], operation: .add, flags: [.flagged], keywords: [])
        let expected = Array("Subject: 1\r\n\r\nbody 1\r\n".utf8)
        #expect(try store.readMessage(inbox, stale) == expected)
        let reader = try store.openMessage(inbox, uid: 1)
        var streamed: [UInt8] = []
        while true {
            let chunk = try reader.read(upTo: 5)
            if chunk.isEmpty { break }
            streamed += chunk
        }
        reader.close()
        #expect(streamed == expected)
    }

    @Test func messageIDsAreIndexedAtStoreOrByTheFirstSearch() async throws {
        let store = try makeStore(encoder: { _ in
            MessageStructure(envelope: [], bodyStructure: [], messageIDs: ["<a@x>", "<b@x>"])
        })
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        let archive = try store.ensureMailbox(owner: .user("alice"), name: "Archive")
        try await fill(store, inbox, count: 1)
        #expect(try store.messageIDs(in: inbox.id) == [1: ["<a@x>", "<b@x>"]])
        let pairs = try await store.copy([1], from: inbox, to: archive)
        #expect(try store.messageIDs(in: archive.id) == [pairs[0].1: ["<a@x>", "<b@x>"]])
        // Without an encoder the index starts empty; a search fills it ("" = no field).
        let plain = try makeStore()
        let box = try plain.ensureMailbox(owner: .user("bob"), name: "INBOX")
        try await fill(plain, box, count: 2)
        #expect(try plain.messageIDs(in: box.id).isEmpty)
        try plain.indexMessageIDs([1: ["<c@x>"], 2: []], in: box.id)
        #expect(try plain.messageIDs(in: box.id) == [1: ["<c@x>"], 2: []])
    }

    @Test func messageIDCandidatesAreNeverFewerThanTheMatches() async throws {
        let store = try makeStore()
        let box = try store.ensureMailbox(owner: .user("carol"), name: "INBOX")
        try await fill(store, box, count: 6)
        try store.indexMessageIDs([1: ["<Abc.1@Example.COM>"], 2: ["<other@x>", "<abc.1@example.com>"], 3: [],
                                   4: ["<100%_x@y>"], 5: ["<\u{212A}ey@x>"]], in: box.id)
        // Case does not matter; 6 is not indexed yet, so it is a candidate for any text.
        #expect(try store.messageIDCandidates(in: box.id, containing: "abc.1@EXAMPLE") == [1, 2, 5, 6])
        // LIKE's wildcards are matched as themselves.
        #expect(try store.messageIDCandidates(in: box.id, containing: "%_x") == [4, 5, 6])
        #expect(try store.messageIDCandidates(in: box.id, containing: "0_") == [5, 6])
        // The Kelvin sign lowercases to k: the search would match it, so it is a candidate.
        #expect(try store.messageIDCandidates(in: box.id, containing: "key") .contains(5))
        // A value without the text is never one.
        #expect(try !store.messageIDCandidates(in: box.id, containing: "other").contains(1))
    }
}
