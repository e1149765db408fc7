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
