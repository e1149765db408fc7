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
