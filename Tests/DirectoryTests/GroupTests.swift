import Testing
@testable import Directory

@Suite("Groups and public mailboxes")
struct GroupTests {
    @Test func groupsAndMembers() throws {
        let store = try makeFixture()
        let group = try store.addGroup("Sales")
        #expect(group == Group(name: "sales", addressEnabled: true, members: []))
        try store.addMember(group: "sales", user: "Carol")
        try store.addMember(group: "SALES", user: "alice")
        #expect(try store.group(named: "sales")?.members == ["alice", "carol"])
        #expect(try store.groups(ofUser: "alice") == ["sales"])
        #expect(errorMessage { try store.addMember(group: "sales", user: "alice") } == "user alice is already a member of group sales")
        #expect(errorMessage { try store.addMember(group: "sales", user: "ghost") } == "unknown user ghost")
        #expect(errorMessage { try store.addMember(group: "ghosts", user: "alice") } == "unknown group ghosts")
        try store.removeMember(group: "sales", user: "alice")
        #expect(try store.group(named: "sales")?.members == ["carol"])
        #expect(errorMessage { try store.removeMember(group: "sales", user: "alice") } == "user alice is not a member of group sales")
        try store.setGroupAddress("sales", enabled: false)
        #expect(try store.group(named: "sales")?.addressEnabled == false)
        #expect(errorMessage { try store.setGroupAddress("ghosts", enabled: true) } == "unknown group ghosts")
        #expect(try store.groups().map(\.name) == ["sales"])
        try store.removeGroup("sales")
        #expect(try store.groups().isEmpty)
        #expect(errorMessage { try store.removeGroup("sales") } == "unknown group sales")
    }

    @Test func groupInUseCannotBeRemoved() throws {
        let store = try makeFixture()
        try store.addGroup("team")
        try store.addAddress("crew@*", destinations: [.group("team")], internalOnly: false)
        #expect(errorMessage { try store.removeGroup("team") } == "group team is used by address crew@*; change that first")
        try store.removeAddress("crew@*")
        try store.addPublicMailbox("board", groups: ["team"])
        #expect(errorMessage { try store.removeGroup("team") } == "group team is used by public mailbox board; change that first")
        try store.setPublicMailboxGroups("board", groups: [])
        try store.removeGroup("team")
    }

    @Test func spamTrainers() throws {
        let store = try makeFixture()
        #expect(try store.maySpamTrain(user: "alice")) // no group: everybody
        try store.addGroup("spamtrainers")
        try store.addMember(group: "spamtrainers", user: "bob")
        #expect(try !store.maySpamTrain(user: "alice"))
        #expect(try store.maySpamTrain(user: "Bob"))
    }

    @Test func publicMailboxes() throws {
        let store = try makeFixture()
        try store.addGroup("team")
        try store.addGroup("board")
        let mailbox = try store.addPublicMailbox("Shared", groups: ["team", "board", "TEAM"])
        #expect(mailbox == PublicMailbox(name: "shared", groups: ["board", "team"]))
        #expect(errorMessage { try store.addPublicMailbox("shared", groups: []) } == "public mailbox shared already exists")
        #expect(errorMessage { try store.addPublicMailbox("other", groups: ["ghosts"]) } == "unknown group ghosts")
        #expect(try store.publicMailbox(named: "other") == nil) // nothing half-created
        #expect(errorMessage { try store.addPublicMailbox("alice", groups: []) } == "name alice is already used by a user")
        try store.setPublicMailboxGroups("shared", groups: ["team"])
        #expect(try store.publicMailboxes() == [PublicMailbox(name: "shared", groups: ["team"])])
        try store.addAddress("shared@example.com", destinations: [.publicMailbox("shared")], internalOnly: false)
        #expect(try store.resolveExternal("shared@example.com").destinations == [.publicMailbox("shared")])
        #expect(errorMessage { try store.removePublicMailbox("shared") }
            == "public mailbox shared is used by address shared@example.com; change that first")
        try store.removeAddress("shared@example.com")
        try store.removePublicMailbox("shared")
        #expect(try store.publicMailboxes().isEmpty)
        #expect(errorMessage { try store.removePublicMailbox("shared") } == "unknown public mailbox shared")
    }
}
