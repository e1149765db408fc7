import MailCore
import Testing
@testable import Directory

@Suite("Resolution: loops and depth")
struct ResolutionLoopTests {
    @Test func aliasCycleWithNothingElseIsALoop() throws {
        let store = try makeFixture()
        try store.addAddress("a@example.com", destinations: [.external(email("b@example.com"))], internalOnly: false)
        try store.addAddress("b@example.com", destinations: [.external(email("a@example.com"))], internalOnly: false)
        #expect(try store.resolveExternal("a@example.com").refusal == .loop)
        #expect(try store.resolveExternal("b@example.com").refusal == .loop)
    }

    @Test func cycleIsBrokenWhenSomethingIsReachable() throws {
        let store = try makeFixture()
        try store.addAddress("a@example.com", destinations: [.external(email("b@example.com")), .user("alice")], internalOnly: false)
        try store.addAddress("b@example.com", destinations: [.external(email("a@example.com")), .user("bob")], internalOnly: false)
        #expect(try store.resolveExternal("a@example.com").destinations == [mailbox("bob"), mailbox("alice")])
    }

    @Test func twoUsersForwardingToEachOther() throws {
        let store = try makeFixture()
        try store.forward("alice", to: ["bob@example.com"])
        try store.forward("bob", to: ["alice@example.com"])
        #expect(try store.resolveExternal("alice@example.com").refusal == .loop)
        try store.updateUser("alice", UserUpdate(keepCopy: true))
        #expect(try store.resolveExternal("alice@example.com").destinations == [mailbox("alice")])
        #expect(try store.resolveExternal("bob@example.com").destinations == [mailbox("alice")])
    }

    @Test func aliasToGroupToUserForwardingBackToTheAlias() throws {
        let store = try makeFixture()
        try store.addGroup("team")
        try store.addMember(group: "team", user: "alice")
        try store.addAddress("team-list@example.com", destinations: [.group("team")], internalOnly: false)
        try store.forward("alice", to: ["team-list@example.com"])
        // Only the cycle: nothing deliverable.
        #expect(try store.resolveExternal("team-list@example.com").refusal == .loop)
        // The member keeps a copy: the cycle is cut there.
        try store.updateUser("alice", UserUpdate(keepCopy: true))
        #expect(try store.resolveExternal("team-list@example.com").destinations == [mailbox("alice")])
        // Another member is reachable even when alice keeps nothing.
        try store.updateUser("alice", UserUpdate(keepCopy: false))
        try store.addMember(group: "team", user: "bob")
        #expect(try store.resolveExternal("team-list@example.com").destinations == [mailbox("bob")])
        // Written to alice directly: alias → group → alice (cycle) and bob.
        #expect(try store.resolveExternal("alice@example.com").destinations == [mailbox("bob")])
    }

    @Test func longChainsResolveUntilTheDepthBound() throws {
        let store = try makeFixture()
        // hop0 → hop1 → … → hop9 → carol: fine.
        for i in 0..<10 {
            let next: AddressDestination = i == 9 ? .user("carol") : .external(email("hop\(i + 1)@example.com"))
            try store.addAddress("hop\(i)@example.com", destinations: [next], internalOnly: false)
        }
        #expect(try store.resolveExternal("hop0@example.com").destinations == [mailbox("carol")])
        // deep0 → … → deep39 → carol: past the depth bound, treated as a loop.
        for i in 0..<40 {
            let next: AddressDestination = i == 39 ? .user("carol") : .external(email("deep\(i + 1)@example.com"))
            try store.addAddress("deep\(i)@example.com", destinations: [next], internalOnly: false)
        }
        #expect(try store.resolveExternal("deep0@example.com").refusal == .loop)
    }

    @Test(.timeLimit(.minutes(1)))
    func wideDiamondsStayFast() throws {
        // 30 aliases, each pointing at all later ones: exponential without memoization.
        let store = try makeFixture()
        for i in stride(from: 29, through: 0, by: -1) {
            var destinations: [AddressDestination] = [.user("alice")]
            for j in (i + 1)..<30 { destinations.append(.external(email("w\(j)@example.com"))) }
            try store.addAddress("w\(i)@example.com", destinations: destinations, internalOnly: false)
        }
        #expect(try store.resolveExternal("w0@example.com").destinations == [mailbox("alice")])
    }
}
