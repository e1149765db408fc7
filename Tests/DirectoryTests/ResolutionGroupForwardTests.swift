import MailCore
import Testing
@testable import Directory

@Suite("Resolution: groups and forwards")
struct ResolutionGroupForwardTests {
    func storeWithTeam() throws -> DirectoryStore {
        let store = try makeFixture()
        try store.addGroup("team")
        try store.addMember(group: "team", user: "alice")
        try store.addMember(group: "team", user: "bob")
        return store
    }

    @Test func groupAddressesAreOffByDefault() throws {
        let store = try storeWithTeam()
        #expect(try store.resolveExternal("team@example.com").refusal == .unknownRecipient)
    }

    @Test func groupAddressExpandsToMembersWhenSwitchedOn() throws {
        let store = try storeWithTeam()
        try store.settings.set(.groupAddresses, "true")
        #expect(try store.resolveExternal("team@example.com").destinations == [mailbox("alice"), mailbox("bob")])
        #expect(try store.resolveExternal("Team@example.org").destinations == [mailbox("alice"), mailbox("bob")])
    }

    @Test func groupAddressDisabledPerGroupIsRefusedAsDisabled() throws {
        let store = try storeWithTeam()
        try store.settings.set(.groupAddresses, "true")
        try store.setGroupAddress("team", enabled: false)
        let refusal = try store.resolveExternal("team@example.com").refusal
        #expect(refusal == .disabled("the address of group team is disabled"))
        // Even the catch-all does not take a switched-off group address.
        try store.updateDomain("example.com", DomainUpdate(catchAll: email("carol@example.com")))
        #expect(try store.resolveExternal("team@example.com").refusal == refusal)
    }

    @Test func groupAddressesOffGloballyLetTheCatchAllTakeTheName() throws {
        let store = try storeWithTeam()
        try store.updateDomain("example.com", DomainUpdate(catchAll: email("carol@example.com")))
        #expect(try store.resolveExternal("team@example.com").destinations == [mailbox("carol")])
    }

    @Test func groupThroughAnAliasIgnoresTheGroupAddressSwitches() throws {
        let store = try storeWithTeam()
        try store.setGroupAddress("team", enabled: false)
        try store.addAddress("crew@example.com", destinations: [.group("team")], internalOnly: false)
        #expect(try store.resolveExternal("crew@example.com").destinations == [mailbox("alice"), mailbox("bob")])
    }

    @Test func emptyGroupIsRefusedAsDisabled() throws {
        let store = try makeFixture()
        try store.addGroup("nobody")
        try store.addAddress("void@example.com", destinations: [.group("nobody")], internalOnly: false)
        #expect(try store.resolveExternal("void@example.com").refusal == .disabled("group nobody has no members"))
    }

    @Test func forwardWithoutKeepCopyDeliversOnlyTheForward() throws {
        let store = try makeFixture()
        try store.forward("alice", to: ["alice@home.example"])
        #expect(try store.resolveExternal("alice@example.com").destinations == [external("alice@home.example")])
    }

    @Test func forwardWithKeepCopyAlsoDeliversTheMailbox() throws {
        let store = try makeFixture()
        try store.forward("alice", to: ["alice@home.example", "alice@phone.example"], keepCopy: true)
        #expect(try store.resolveExternal("alice@example.com").destinations
            == [mailbox("alice"), external("alice@home.example"), external("alice@phone.example")])
    }

    @Test func keepCopyAloneWithoutForwardsIsJustTheMailbox() throws {
        let store = try makeFixture()
        try store.updateUser("alice", UserUpdate(keepCopy: true))
        #expect(try store.resolveExternal("alice@example.com").destinations == [mailbox("alice")])
    }

    @Test func groupMembersFollowTheirOwnForwardPreferences() throws {
        let store = try storeWithTeam()
        try store.addMember(group: "team", user: "carol")
        try store.settings.set(.groupAddresses, "on")
        try store.forward("alice", to: ["alice@home.example"], keepCopy: true)
        try store.forward("bob", to: ["bob@home.example"], keepCopy: false)
        #expect(try store.resolveExternal("team@example.com").destinations == [
            mailbox("alice"), external("alice@home.example"), external("bob@home.example"), mailbox("carol"),
        ])
    }

    @Test func forwardToALocalAddressResolvesAgain() throws {
        let store = try makeFixture()
        try store.addAddress("helpdesk@example.org", destinations: [.user("carol"), .external(email("ticket@remote.example"))], internalOnly: false)
        try store.forward("alice", to: ["bob@example.org", "helpdesk@example.org"])
        #expect(try store.resolveExternal("alice@example.com").destinations
            == [mailbox("bob"), mailbox("carol"), external("ticket@remote.example")])
    }

    @Test func forwardToOwnAddressWithKeepCopyIsJustTheMailbox() throws {
        let store = try makeFixture()
        try store.forward("alice", to: ["alice@example.org"], keepCopy: true)
        #expect(try store.resolveExternal("alice@example.com").destinations == [mailbox("alice")])
    }

    @Test func forwardToASubaddressKeepsThatTag() throws {
        let store = try makeFixture()
        try store.forward("alice", to: ["bob+from-alice@example.com"])
        #expect(try store.resolveExternal("alice@example.com").destinations == [mailbox("bob", "from-alice")])
    }

    @Test func forwardToAnUnknownLocalAddressDeliversNothingAndSaysWhy() throws {
        let store = try makeFixture()
        try store.forward("alice", to: ["ghost@example.com"])
        #expect(try store.resolveExternal("alice@example.com").refusal == .unknownRecipient)
        try store.forward("alice", to: ["ghost@example.com", "bob@example.com"])
        #expect(try store.resolveExternal("alice@example.com").destinations == [mailbox("bob")])
    }
}
