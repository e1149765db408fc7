import GRDB
import Foundation
import Durability
import Testing
@testable import IMAPServer
@testable import MailStore

@Suite("Selected mailbox: sequence numbers and untagged updates")
struct SelectedMailboxStateTests {
    /// Records come from a real store so that they are what the session will see.
    func fixture(count: Int) async throws -> (MailStore, Mailbox) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-sel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let store = try MailStore(database: try DatabaseQueue(), mailRoot: root,
                                  barrier: try FileSystemSyncBarrier(directories: [root]), hostname: "mx")
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        for i in 0..<count { _ = try await store.store(Array("Subject: \(i)\r\n\r\n".utf8), into: inbox) }
        return (store, inbox)
    }

    func select(_ store: MailStore, _ box: Mailbox) throws -> SelectedMailboxState {
        let status = try store.status(box)
        return SelectedMailboxState(mailbox: box, readOnly: false, records: try store.messages(in: box.id),
                                    highestModSeq: status.highestModSeq, firstRecentUID: 1)
    }

    func sync(_ state: inout SelectedMailboxState, _ store: MailStore, allowExpunge: Bool = true,
              vanished: Bool = false) throws -> [SelectedMailboxState.Update] {
        let c = try store.changes(in: state.mailbox.id, since: state.highestModSeq)
        return state.absorb(changed: c.changed, expunged: c.expunged, highestModSeq: c.highestModSeq,
                            allowExpunge: allowExpunge, useVanished: vanished)
    }

    @Test func expungesAreReportedHighestSequenceFirst() async throws {
        let (store, box) = try await fixture(count: 5)
        var state = try select(store, box)
        try store.expunge(box, uids: [2, 4])
        let updates = try sync(&state, store)
        #expect(updates == [.expunge(sequence: 4), .expunge(sequence: 2)])
        #expect(state.count == 3 && state.sequence(of: 5) == 3)
    }

    @Test func newMessagesAndFlagChanges() async throws {
        let (store, box) = try await fixture(count: 2)
        var state = try select(store, box)
        _ = try await store.store(Array("x\r\n".utf8), into: box)
        _ = try store.updateFlags(box, uids: [1], operation: .add, flags: [.seen], keywords: [])
        let updates = try sync(&state, store)
        #expect(updates.contains(.exists(3)))
        #expect(updates.contains { if case .flags(1, 1, [.seen], _, _) = $0 { return true } else { return false } })
        #expect(try sync(&state, store).isEmpty)
    }

    /// The state keeps no flags: a change is found by its MODSEQ, and one the session
    /// reported itself (its STORE) is not reported again as another's.
    @Test func ownReportsAreNotRepeatedAndLaterChangesAre() async throws {
        let (store, box) = try await fixture(count: 3)
        var state = try select(store, box)
        let own = try store.updateFlags(box, uids: [2], operation: .add, flags: [.flagged], keywords: [])
        for record in own.records { state.noteReported(record) }
        #expect(try sync(&state, store).isEmpty)
        _ = try store.updateFlags(box, uids: [2], operation: .add, flags: [.seen], keywords: [])
        let updates = try sync(&state, store)
        #expect(updates.count == 1)
        #expect(updates.contains { if case .flags(2, 2, [.flagged, .seen], _, _) = $0 { return true } else { return false } })
    }

    @Test func manyExpungesAtOnceKeepTheSequence() async throws {
        let (store, box) = try await fixture(count: 30)
        var state = try select(store, box)
        let gone = Array(stride(from: UInt32(2), through: 30, by: 3))
        try store.expunge(box, uids: gone)
        let updates = try sync(&state, store)
        #expect(updates.count == gone.count)
        #expect(updates.first == .expunge(sequence: 29) && updates.last == .expunge(sequence: 2))
        #expect(state.count == 20 && state.uids.allSatisfy { !gone.contains($0) })
    }

    @Test func expungesWaitWhileNotAllowedAndVanishedForQResync() async throws {
        let (store, box) = try await fixture(count: 3)
        var state = try select(store, box)
        try store.expunge(box, uids: [1])
        _ = try store.updateFlags(box, uids: [3], operation: .add, flags: [.flagged], keywords: [])
        let during = try sync(&state, store, allowExpunge: false)
        #expect(during.count == 1)  // only the flag change of a message still numbered
        #expect(state.count == 3)
        let after = try sync(&state, store, allowExpunge: true, vanished: true)
        #expect(after == [.vanished([1])])
        #expect(state.uid(at: 1) == 2)
    }
}

@Suite("Selected mailbox: \\Recent claims and keyword announcements")
struct RecentAndKeywordTests {
    func fixture() throws -> (MailStore, Mailbox) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-rec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let store = try MailStore(database: try DatabaseQueue(), mailRoot: root,
                                  barrier: try FileSystemSyncBarrier(directories: [root]), hostname: "mx")
        return (store, try store.ensureMailbox(owner: .user("alice"), name: "INBOX"))
    }

    /// RFC 3501 §2.3.2: a message is \Recent in the first session notified of it, and
    /// "subsequent sessions will not see \Recent set for this message".
    @Test func aClaimedMessageIsRecentInOneSessionOnly() async throws {
        let (store, box) = try fixture()
        _ = try await store.store(Array("Subject: 1\r\n\r\n".utf8), into: box)
        let first = try store.claimRecentUIDs(box)
        #expect(first == 1..<2)
        var a = SelectedMailboxState(mailbox: box, readOnly: false, records: try store.messages(in: box.id),
                                     highestModSeq: try store.status(box).highestModSeq, recentUIDs: first)
        let second = try store.claimRecentUIDs(box)
        #expect(second.isEmpty)
        #expect(a.isRecent(1) && a.recentCount == 1)
        _ = try await store.store(Array("Subject: 2\r\n\r\n".utf8), into: box)
        #expect(try store.status(box).recent == 1)
        a.claim(try store.claimRecentUIDs(box))
        #expect(a.isRecent(2))
        #expect(try store.status(box).recent == 0)
        #expect(try store.claimRecentUIDs(box).isEmpty)
    }

    /// RFC 3501 §7.2.6: keywords must be announced in FLAGS before use; `announce` says
    /// when a new one appears, case-insensitively.
    @Test func keywordsAreAnnouncedOnce() throws {
        let (_, box) = try fixture()
        var state = SelectedMailboxState(mailbox: box, readOnly: false, records: [], highestModSeq: 1, recentUIDs: 1..<1)
        let first = state.announce(["$Work"])
        let again = state.announce(["$work", "$Work"])
        let more = state.announce(["$Home", "$Work"])
        #expect(first && !again && more)
        #expect(state.announcedNames == ["$Work", "$Home"])
    }

    /// RFC 2180 §4.1.1: an expunged message stays readable for a session that observed
    /// the mailbox until that session releases it; its file goes a grace period later.
    /// Without observers, nothing is held.
    @Test func expungedMessagesStayReadableUntilReleased() async throws {
        let (store, box) = try fixture()
        _ = try await store.store(Array("Subject: 1\r\n\r\nbody\r\n".utf8), into: box)
        _ = try await store.store(Array("Subject: 2\r\n\r\nbody\r\n".utf8), into: box)
        try store.expunge(box, uids: [2])
        #expect(store.expungedHold.count == 0)
        let session = store.changes.observe(mailboxID: box.id) {}
        try store.expunge(box, uids: [1])
        let held = try #require(store.expungedHold.message(mailboxID: box.id, uid: 1, session: session))
        #expect(String(decoding: try DurableFile.read(held.path), as: UTF8.self).contains("body"))
        store.expungedHold.release(mailboxID: box.id, uids: [1], session: session)
        store.expungedHold.expire(now: Date().addingTimeInterval(store.expungedHold.grace / 2))
        #expect(store.expungedHold.count == 1 && DurableFile.exists(held.path))
        store.expungedHold.expire(now: Date().addingTimeInterval(store.expungedHold.grace + 1))
        #expect(store.expungedHold.count == 0 && !DurableFile.exists(held.path))
    }

    /// Ghosts left in `tmp/` by a process that stopped while holding them are removed the
    /// first time a later process opens the mailbox.
    @Test func leftoverGhostsAreSweptOnce() async throws {
        let (store, box) = try fixture()
        _ = try await store.store(Array("Subject: 1\r\n\r\nbody\r\n".utf8), into: box)
        _ = store.changes.observe(mailboxID: box.id) {}
        try store.expunge(box, uids: [1])
        let ghost = try #require(store.expungedHold.message(mailboxID: box.id, uid: 1, session: UUID())).path
        let restarted = try MailStore(database: store.database, mailRoot: store.mailRoot, barrier: store.barrier, hostname: "mx")
        restarted.removeLeftoverGhosts(box)
        #expect(!DurableFile.exists(ghost))
    }
}

/// RFC 5092 §3 IMAP URLs as CATENATE uses them (RFC 4469 §5).
@Suite struct IMAPMessageURLTests {
    @Test func parsesRelativeAndAbsoluteURLs() throws {
        let url = try #require(IMAPMessageURL("/INBOX;UIDVALIDITY=385759045/;UID=20/;SECTION=1.MIME/;PARTIAL=0.1024"))
        #expect(url.mailbox == "INBOX" && url.uidValidity == 385_759_045 && url.uid == 20 && url.section == "1.MIME")
        #expect(url.partial?.offset == 0 && url.partial?.length == 1024)
        let absolute = try #require(IMAPMessageURL("imap://alice@mail.example/Lists%2FSwift/;UID=7"))
        #expect(absolute.mailbox == "Lists/Swift" && absolute.uid == 7 && absolute.section == nil)
        #expect(IMAPMessageURL("/INBOX") == nil)
        #expect(IMAPMessageURL("/INBOX/;UID=0") == nil)
        #expect(IMAPMessageURL("/INBOX/;UID=3/;BOGUS=1") == nil)
    }
}
