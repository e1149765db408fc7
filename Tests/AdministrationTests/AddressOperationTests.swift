import Testing
@testable import Administration

@Suite("Address operations")
struct AddressOperationTests {
    @Test func roundTrip() throws {
        let admin = try makeAdministration()
        try admin.addDomain("example.com")
        try admin.addUser("bob")
        try admin.addGroup("team")
        let info = try admin.addAddress("Info@Example.COM", destinations: [AdminInput.destination("user:bob"),
                                                                           AdminInput.destination("someone@remote.example")])
        #expect(info == AddressRow(address: "info@example.com", local_part: "info", domain: "example.com",
                                   destinations: ["user:bob", "someone@remote.example"], internal: false))
        let sales = try admin.addAddress("sales", destinations: [AdminInput.destination("group:team")], internal: true)
        #expect(sales.address == "sales@*" && sales.domain == nil && sales.internal)
        #expect(try admin.addresses().map(\.address) == ["info@example.com", "sales@*"])
        let changed = try admin.updateAddress("sales@*", destinations: [AdminInput.destination("user:bob")], internal: false)
        #expect(changed.destinations == ["user:bob"] && !changed.internal)
        try admin.removeAddress("info@example.com")
        #expect(try admin.address("sales").address == "sales@*")
        #expect(try admin.addresses().count == 1)
    }

    @Test func errors() throws {
        let admin = try makeAdministration()
        try admin.addDomain("example.com")
        try admin.addUser("bob")
        try admin.addAddress("info@example.com", destinations: [AdminInput.destination("user:bob")])
        #expect(adminError { try admin.addAddress("info@example.com", destinations: [AdminInput.destination("user:bob")]) }?.kind == .conflict)
        #expect(adminError { try admin.addAddress("x@example.com", destinations: []) }?.kind == .invalidInput)
        #expect(adminError { try admin.addAddress("x@example.com", destinations: [AdminInput.destination("user:nobody")]) }?.kind == .notFound)
        #expect(adminError { try admin.removeAddress("nope@example.com") } == .notFound("unknown address nope@example.com"))
        #expect(adminError { _ = try admin.address("nope@example.com") }?.kind == .notFound)
        #expect(adminError { try admin.updateAddress("info@example.com", destinations: []) }?.kind == .invalidInput)
    }
}
