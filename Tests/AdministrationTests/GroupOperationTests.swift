import Testing
@testable import Administration

@Suite("Group and public mailbox operations")
struct GroupOperationTests {
    @Test func groupsAndMembers() throws {
        let admin = try makeAdministration()
        try admin.addUser("alice")
        try admin.addUser("bob")
        #expect(try admin.addGroup("Sales") == GroupRow(name: "sales", address_enabled: true, members: []))
        try admin.addMember(group: "sales", user: "bob")
        try admin.addMember(group: "sales", user: "Alice")
        #expect(try admin.group("sales").members == ["alice", "bob"])
        try admin.setGroupAddress("sales", enabled: false)
        try admin.removeMember(group: "sales", user: "bob")
        #expect(try admin.groups() == [GroupRow(name: "sales", address_enabled: false, members: ["alice"])])
        try admin.removeGroup("sales")
        #expect(try admin.groups().isEmpty)
    }

    @Test func groupErrors() throws {
        let admin = try makeAdministration()
        try admin.addUser("alice")
        try admin.addGroup("sales")
        #expect(adminError { try admin.addGroup("sales") }?.kind == .conflict)
        #expect(adminError { try admin.addGroup("alice") } == .conflict("name alice is already used by a user"))
        #expect(adminError { try admin.addMember(group: "nope", user: "alice") }?.kind == .notFound)
        #expect(adminError { try admin.addMember(group: "sales", user: "nobody") }?.kind == .notFound)
        #expect(adminError { try admin.removeGroup("nope") }?.kind == .notFound)
        #expect(adminError { _ = try admin.group("nope") } == .notFound("unknown group nope"))
    }

    @Test func publicMailboxes() throws {
        let admin = try makeAdministration()
        try admin.addGroup("sales")
        try admin.addGroup("support")
        #expect(try admin.addPublicMailbox("Shared", groups: ["sales"]) == PublicMailboxRow(name: "shared", groups: ["sales"]))
        #expect(try admin.setPublicMailboxGroups("shared", groups: ["support", "sales"]).groups == ["sales", "support"])
        #expect(try admin.publicMailboxes().map(\.name) == ["shared"])
        // The group owns a public mailbox: it cannot go first.
        #expect(adminError { try admin.removeGroup("sales") }?.kind == .conflict)
        #expect(adminError { try admin.addPublicMailbox("other", groups: []) }?.kind == .invalidInput)
        #expect(adminError { try admin.addPublicMailbox("other", groups: ["nope"]) }?.kind == .notFound)
        #expect(adminError { try admin.addPublicMailbox("shared", groups: ["sales"]) }?.kind == .conflict)
        try admin.removePublicMailbox("shared")
        #expect(adminError { try admin.removePublicMailbox("shared") }?.kind == .notFound)
        #expect(adminError { _ = try admin.publicMailbox("shared") } == .notFound("unknown public mailbox shared"))
    }
}
