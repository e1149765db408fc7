import Foundation
import Testing
@testable import Connectors

/// A POP3 server without UIDL: the identities come from header digests, and remote
/// deletion must never reach a message that was not stored locally.
@Suite("Connectors: remote deletion")
struct RemoteDeletionTests {
    let header = Array("From: a@b.test\r\nSubject: same\r\nDate: Mon, 07 Dec 2026 00:00:00 +0000\r\n\r\n".utf8)

    func stored(_ id: String, at: Date = Date()) -> FetchedMessage {
        FetchedMessage(scope: "pop3", remoteID: id, state: .stored, queueID: "Q", at: at)
    }

    @Test func identicalHeaderBlocksGetDistinctIdentities() {
        let ids = HeaderDigest.identities(of: [(header, 100), (header, 100), (header, 250), (header, 100)])
        #expect(Set(ids).count == 4)
        // Stable: the same listing gives the same identities on the next run.
        #expect(ids == HeaderDigest.identities(of: [(header, 100), (header, 100), (header, 250), (header, 100)]))
        // Another message's header does not shift the others' identities.
        let other = Array("Subject: other\r\n\r\n".utf8)
        #expect(HeaderDigest.identities(of: [(other, 10), (header, 100), (header, 100)]).suffix(2) == ids.prefix(2))
        #expect(ids.allSatisfy { $0.hasPrefix("digest:") })
    }

    @Test func aSecondMessageWithTheSameHeaderIsFetchedNotSkipped() {
        // The first run stored the first message only; the second one has its own identity.
        let ids = HeaderDigest.identities(of: [(header, 100), (header, 100)])
        let listed = [RemoteMessage(remoteID: ids[0], handle: 1), RemoteMessage(remoteID: ids[1], handle: 2)]
        let known = [ids[0]: stored(ids[0])]
        #expect(listed.filter { known[$0.remoteID] == nil }.map(\.handle) == [2])
        #expect(RemoteDeletion.due(listed: listed, known: known, policy: .delete, now: Date()).map(\.handle) == [1])
    }

    @Test func anIdentityListedTwiceIsNeverDeleted() {
        // A server that repeats an id (a broken UIDL): which number was stored is unknown.
        let listed = [RemoteMessage(remoteID: "x", handle: 1), RemoteMessage(remoteID: "x", handle: 2),
                      RemoteMessage(remoteID: "y", handle: 3)]
        let known = ["x": stored("x"), "y": stored("y")]
        #expect(RemoteDeletion.due(listed: listed, known: known, policy: .delete, now: Date()).map(\.handle) == [3])
    }

    @Test func onlyStoredAndDueMessagesAreDeleted() {
        let now = Date()
        let listed = (1...4).map { RemoteMessage(remoteID: "u\($0)", handle: $0) }
        let known = [
            "u1": stored("u1", at: now.addingTimeInterval(-3 * 86_400)),
            "u2": stored("u2", at: now.addingTimeInterval(-86_400)),
            "u3": FetchedMessage(scope: "pop3", remoteID: "u3", state: .refused, queueID: nil, at: now.addingTimeInterval(-9e6)),
            "u4": FetchedMessage(scope: "pop3", remoteID: "u4", state: .pending, queueID: "Q4", at: now.addingTimeInterval(-9e6)),
        ]
        #expect(RemoteDeletion.due(listed: listed, known: known, policy: .deleteAfter(days: 2), now: now).map(\.handle) == [1])
        #expect(RemoteDeletion.due(listed: listed, known: known, policy: .delete, now: now).map(\.handle) == [1, 2])
        #expect(RemoteDeletion.due(listed: listed, known: known, policy: .keep, now: now).isEmpty)
    }
}
