import MailCore
import Testing
@testable import Directory

@Suite("Resolution: addresses, precedence, catch-all, internal-only")
struct ResolutionAliasTests {
    @Test func domainAddressBeatsAllDomainAddressWhichBeatsUser() throws {
        let store = try makeFixture()
        try store.addUser("sales", password: .none)
        #expect(try store.resolveExternal("sales@example.com").destinations == [mailbox("sales")])
        try store.addAddress("sales@*", destinations: [.user("alice")], internalOnly: false)
        #expect(try store.resolveExternal("sales@example.com").destinations == [mailbox("alice")])
        #expect(try store.resolveExternal("sales@example.org").destinations == [mailbox("alice")])
        try store.addAddress("sales@example.com", destinations: [.user("bob")], internalOnly: false)
        #expect(try store.resolveExternal("sales@example.com").destinations == [mailbox("bob")])
        #expect(try store.resolveExternal("sales@example.org").destinations == [mailbox("alice")])
    }

    @Test func allDomainAddressExistsAtEveryLocalDomainOnly() throws {
        let store = try makeFixture()
        try store.addAddress("info", destinations: [.user("bob")], internalOnly: false)
        try store.addDomain("third.example")
        #expect(try store.resolveExternal("info@third.example").destinations == [mailbox("bob")])
        #expect(try store.resolveExternal("info@elsewhere.example").refusal == .domainNotLocal)
    }

    @Test func aliasWithEveryKindOfDestination() throws {
        let store = try makeFixture()
        try store.addGroup("team")
        try store.addMember(group: "team", user: "carol")
        try store.addPublicMailbox("shared", groups: ["team"])
        try store.addAddress("all@example.com", destinations: [
            .user("alice"), .group("team"), .publicMailbox("shared"), .external(email("Partner@Remote.example")),
        ], internalOnly: false)
        #expect(try store.resolveExternal("all@example.com").destinations == [
            mailbox("alice"), mailbox("carol"), .publicMailbox("shared"), external("Partner@remote.example"),
        ])
    }

    @Test func aliasesOfAliasesResolveRecursively() throws {
        let store = try makeFixture()
        try store.addAddress("c@example.com", destinations: [.user("carol")], internalOnly: false)
        try store.addAddress("b@example.com", destinations: [.external(email("c@example.com"))], internalOnly: false)
        try store.addAddress("a@example.org", destinations: [.external(email("B@EXAMPLE.COM")), .user("alice")], internalOnly: false)
        #expect(try store.resolveExternal("a@example.org").destinations == [mailbox("carol"), mailbox("alice")])
    }

    @Test func duplicatesAreRemovedInStableOrder() throws {
        let store = try makeFixture()
        try store.addGroup("team")
        try store.addMember(group: "team", user: "alice")
        try store.addMember(group: "team", user: "bob")
        try store.addAddress("dup@example.com", destinations: [
            .user("bob"), .group("team"), .external(email("alice@example.org")), .external(email("x@remote.example")),
            .external(email("x@REMOTE.example")),
        ], internalOnly: false)
        #expect(try store.resolveExternal("dup@example.com").destinations
            == [mailbox("bob"), mailbox("alice"), external("x@remote.example")])
    }

    @Test func catchAllTakesUnknownLocalPartsOnly() throws {
        let store = try makeFixture()
        try store.updateDomain("example.com", DomainUpdate(catchAll: email("carol@example.com")))
        #expect(try store.resolveExternal("whoever@example.com").destinations == [mailbox("carol")])
        #expect(try store.resolveExternal("alice@example.com").destinations == [mailbox("alice")])
        #expect(try store.resolveExternal("whoever@example.org").refusal == .unknownRecipient)
    }

    @Test func explicitAddressBeatsCatchAll() throws {
        let store = try makeFixture()
        try store.updateDomain("example.com", DomainUpdate(catchAll: email("old-server@legacy.example")))
        try store.addAddress("sales@example.com", destinations: [.user("bob")], internalOnly: false)
        #expect(try store.resolveExternal("sales@example.com").destinations == [mailbox("bob")])
        #expect(try store.resolveExternal("other@example.com").destinations == [external("old-server@legacy.example")])
        try store.updateDomain("example.com", DomainUpdate(catchAll: .some(nil)))
        #expect(try store.resolveExternal("other@example.com").refusal == .unknownRecipient)
    }

    @Test func catchAllPointingIntoItsOwnDomainAtAnUnknownNameIsALoop() throws {
        let store = try makeFixture()
        try store.updateDomain("example.com", DomainUpdate(catchAll: email("typo@example.com")))
        #expect(try store.resolveExternal("anything@example.com").refusal == .loop)
    }

    @Test func internalOnlyAddressRefusesExternalSendersOnly() throws {
        let store = try makeFixture()
        try store.addAddress("staff@example.com", destinations: [.user("alice"), .user("bob")], internalOnly: true)
        #expect(try store.resolve("staff@example.com", sender: .external).refusal == .internalOnly)
        #expect(try store.resolve("staff+x@example.com", sender: .external).refusal == .internalOnly)
        #expect(try store.resolve("staff@example.com", sender: .localNetwork).destinations == [mailbox("alice"), mailbox("bob")])
        #expect(try store.resolve("staff@example.com", sender: .authenticated(user: "carol")).destinations
            == [mailbox("alice"), mailbox("bob")])
    }

    @Test func internalOnlyAllDomainAddress() throws {
        let store = try makeFixture()
        try store.addAddress("everyone@*", destinations: [.user("alice")], internalOnly: true)
        #expect(try store.resolve("everyone@example.org", sender: .external).refusal == .internalOnly)
        #expect(try store.resolve("everyone@example.org", sender: .localNetwork).destinations == [mailbox("alice")])
    }

    @Test func internalAddressReachedThroughAPublicOneIsDelivered() throws {
        // Only the address written to is checked: the administrator chose to chain them.
        let store = try makeFixture()
        try store.addAddress("staff@example.com", destinations: [.user("alice")], internalOnly: true)
        try store.addAddress("contact@example.com", destinations: [.external(email("staff@example.com"))], internalOnly: false)
        #expect(try store.resolve("contact@example.com", sender: .external).destinations == [mailbox("alice")])
    }

    @Test func internalOnlyRulesDoNotApplyToUsers() throws {
        let store = try makeFixture()
        #expect(try store.resolve("alice@example.com", sender: .external).destinations == [mailbox("alice")])
    }
}

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

    @Test func wideDiamondsStayFast() throws {
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

@Suite("Resolution: hidden copies")
struct ResolutionCopyTests {
    @Test func domainCopyInboundAddsAHiddenCopy() throws {
        let store = try makeFixture()
        try store.addUser("archive", password: .none)
        try store.updateDomain("example.com", DomainUpdate(copyTo: email("archive@example.com")))
        let resolution = try store.resolveExternal("alice@example.com")
        #expect(resolution.destinations == [mailbox("alice")])
        #expect(resolution.copies == [mailbox("archive")])
        // Not for the other domain.
        #expect(try store.resolveExternal("alice@example.org").copies == [])
    }

    @Test func copyIsNotRepeatedWhenItIsAlreadyADestination() throws {
        let store = try makeFixture()
        try store.addUser("archive", password: .none)
        try store.updateDomain("example.com", DomainUpdate(copyTo: email("archive@example.com")))
        let resolution = try store.resolveExternal("archive+x@example.com")
        #expect(resolution.destinations == [mailbox("archive", "x")])
        #expect(resolution.copies == [])
    }

    @Test func copyAllToAppliesEverywhereAndDeduplicatesWithTheDomainCopy() throws {
        let store = try makeFixture()
        try store.settings.set(.copyAllTo, "audit@remote.example")
        #expect(try store.resolveExternal("bob@example.org").copies == [external("audit@remote.example")])
        try store.updateDomain("example.com", DomainUpdate(copyTo: email("AUDIT@remote.example")))
        #expect(try store.resolveExternal("bob@example.com").copies == [external("AUDIT@remote.example")])
    }

    @Test func copiesResolveRecursivelyAndSkipDestinations() throws {
        let store = try makeFixture()
        try store.addGroup("auditors")
        try store.addMember(group: "auditors", user: "alice")
        try store.addMember(group: "auditors", user: "carol")
        try store.addAddress("audit@example.com", destinations: [.group("auditors")], internalOnly: true)
        try store.updateDomain("example.org", DomainUpdate(copyTo: email("audit@example.com")))
        let resolution = try store.resolveExternal("alice@example.org")
        #expect(resolution.destinations == [mailbox("alice")])
        #expect(resolution.copies == [mailbox("carol")])
    }

    @Test func aCopyThatResolvesToNothingDoesNotRefuseTheMessage() throws {
        let store = try makeFixture()
        try store.updateDomain("example.com", DomainUpdate(copyTo: email("gone@example.org")))
        let resolution = try store.resolveExternal("bob@example.com")
        #expect(resolution.destinations == [mailbox("bob")])
        #expect(resolution.copies == [])
    }

    @Test func copyAllDestinationsForOutboundMail() throws {
        let store = try makeFixture()
        #expect(try store.copyAllDestinations() == [])
        try store.settings.set(.copyAllTo, "carol@example.com")
        #expect(try store.copyAllDestinations() == [mailbox("carol")])
        try store.settings.set(.copyAllTo, "audit@remote.example")
        #expect(try store.copyAllDestinations() == [external("audit@remote.example")])
    }
}

@Suite("Sender/login match")
struct SenderLoginMatchTests {
    @Test func ownAddressesAliasesAndGroupAddressesBelongToTheUser() throws {
        let store = try makeFixture()
        try store.addAddress("info@example.com", destinations: [.user("alice")], internalOnly: false)
        try store.addGroup("team")
        try store.addMember(group: "team", user: "alice")
        try store.settings.set(.groupAddresses, "true")
        #expect(try store.isSenderAllowed("alice@example.org", forUser: "alice"))
        #expect(try store.isSenderAllowed("Alice+tag@example.com", forUser: "ALICE"))
        #expect(try store.isSenderAllowed("info@example.com", forUser: "alice"))
        #expect(try store.isSenderAllowed("team@example.com", forUser: "alice"))
        #expect(try !store.isSenderAllowed("bob@example.com", forUser: "alice"))
        #expect(try !store.isSenderAllowed("alice@remote.example", forUser: "alice"))
        #expect(try !store.isSenderAllowed("not an address", forUser: "alice"))
    }

    @Test func forwardingUsersStillOwnTheirAddress() throws {
        let store = try makeFixture()
        try store.forward("alice", to: ["alice@home.example"])
        #expect(try store.isSenderAllowed("alice@example.com", forUser: "alice"))
    }

    @Test func catchAllDoesNotGiveAwayTheWholeDomain() throws {
        let store = try makeFixture()
        try store.updateDomain("example.com", DomainUpdate(catchAll: email("carol@example.com")))
        #expect(try !store.isSenderAllowed("ceo@example.com", forUser: "carol"))
        #expect(try store.isSenderAllowed("carol@example.com", forUser: "carol"))
    }
}
