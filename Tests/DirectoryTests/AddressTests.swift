import MailCore
import Testing
@testable import Directory

@Suite("Addresses")
struct AddressTests {
    @Test func specForms() throws {
        let store = try makeFixture()
        let bound = try store.addAddress("Info@Example.COM", destinations: [.user("bob")], internalOnly: false)
        #expect(bound.localPart == "info" && bound.domain == "example.com" && bound.spec == "info@example.com")
        #expect(try store.addAddress("sales@*", destinations: [.user("bob")], internalOnly: true).spec == "sales@*")
        #expect(try store.addAddress("help", destinations: [.user("bob")], internalOnly: false).domain == nil)
        #expect(try store.address("sales@*")?.internalOnly == true)
        #expect(try store.address("help@*") != nil)
        #expect(try store.address("help") != nil)
        #expect(try store.address("help@example.com") == nil)
        #expect(try store.addresses().map(\.spec) == ["help@*", "info@example.com", "sales@*"])
    }

    @Test func destinationsFromCommandLineStrings() throws {
        #expect(try AddressDestination.parse("user:Bob") == .user("bob"))
        #expect(try AddressDestination.parse("group:team") == .group("team"))
        #expect(try AddressDestination.parse("public:shared") == .publicMailbox("shared"))
        #expect(try AddressDestination.parse(" Someone@Remote.Example ") == .external(EmailAddress(localPart: "Someone", domain: "remote.example")))
        #expect(errorMessage { _ = try AddressDestination.parse("bob") }
            == "invalid address \"bob\": expected user:NAME, group:NAME, public:NAME or an email address")
        #expect(errorMessage { _ = try AddressDestination.parse("user:Bad Name") }?.hasPrefix("invalid user name \"Bad Name\"") == true)
        for destination: AddressDestination in [.user("bob"), .group("g"), .publicMailbox("p"), .external(email("x@y.example"))] {
            #expect(try AddressDestination.parse(destination.description) == destination)
        }
    }

    @Test func invalidSpecsAndDestinations() throws {
        let store = try makeFixture()
        #expect(errorMessage { try store.addAddress("a@@b", destinations: [.user("bob")], internalOnly: false) }?
            .hasPrefix("invalid address \"a@@b\": ") == true)
        #expect(errorMessage { try store.addAddress(".dot@example.com", destinations: [.user("bob")], internalOnly: false) }?
            .hasPrefix("invalid address \".dot@example.com\": the local part may hold") == true)
        #expect(errorMessage { try store.addAddress("x@bad domain", destinations: [.user("bob")], internalOnly: false) }
            == "invalid address \"x@bad domain\": domain: only letters, digits, '-' and '.' are allowed")
        #expect(errorMessage { try store.addAddress("x@unknown.example", destinations: [.user("bob")], internalOnly: false) }
            == "unknown domain unknown.example")
        #expect(errorMessage { try store.addAddress("x@example.com", destinations: [], internalOnly: false) }
            == "address x@example.com needs at least one destination")
        #expect(errorMessage { try store.addAddress("x@example.com", destinations: [.user("ghost")], internalOnly: false) }
            == "unknown user ghost")
        #expect(errorMessage { try store.addAddress("x@example.com", destinations: [.group("ghosts")], internalOnly: false) }
            == "unknown group ghosts")
        #expect(errorMessage { try store.addAddress("x@example.com", destinations: [.publicMailbox("nothing")], internalOnly: false) }
            == "unknown public mailbox nothing")
        // Nothing was left half-written.
        #expect(try store.addresses().isEmpty)
        try store.addAddress("x@example.com", destinations: [.user("bob")], internalOnly: false)
        #expect(errorMessage { try store.addAddress("X@example.com", destinations: [.user("bob")], internalOnly: false) }
            == "address x@example.com already exists")
        // Same local part bound to every domain is a different address.
        try store.addAddress("x@*", destinations: [.user("bob")], internalOnly: false)
        #expect(errorMessage { try store.addAddress("x", destinations: [.user("bob")], internalOnly: false) }
            == "address x@* already exists")
    }

    @Test func updateAndRemove() throws {
        let store = try makeFixture()
        try store.addAddress("info@example.com", destinations: [.user("bob"), .user("bob")], internalOnly: false)
        #expect(try store.address("info@example.com")?.destinations == [.user("bob")])
        try store.updateAddress("info@example.com", destinations: [.user("carol"), .external(email("x@remote.example"))])
        var info = try #require(try store.address("info@example.com"))
        #expect(info.destinations == [.user("carol"), .external(email("x@remote.example"))])
        #expect(!info.internalOnly)
        try store.updateAddress("info@example.com", internalOnly: true)
        info = try #require(try store.address("info@example.com"))
        #expect(info.internalOnly && info.destinations.count == 2)
        #expect(errorMessage { try store.updateAddress("nope@example.com", internalOnly: true) } == "unknown address nope@example.com")
        // bob is no longer a destination: removable.
        try store.removeUser("bob")
        try store.removeAddress("INFO@example.com")
        #expect(errorMessage { try store.removeAddress("info@example.com") } == "unknown address info@example.com")
    }
}
