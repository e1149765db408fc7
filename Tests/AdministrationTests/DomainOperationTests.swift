import Testing
@testable import Administration

@Suite("Domain operations")
struct DomainOperationTests {
    @Test func addListUpdateRemove() throws {
        let admin = try makeAdministration()
        #expect(try admin.addDomain("Example.COM").name == "example.com")
        let relay = try admin.addDomain("relay.example", relayTo: AdminInput.relayTarget("mx.backend.example:2525"))
        #expect(relay.delivery == "relay" && relay.relay_host == "mx.backend.example" && relay.relay_port == 2525)
        #expect(try admin.domains().map(\.name) == ["example.com", "relay.example"])

        let updated = try admin.updateDomain("example.com", DomainChanges(
            catchAll: .some(AdminInput.address("john@example.com", label: "catch_all")),
            copyTo: .some(AdminInput.address("archive@example.com", label: "copy_to")), dkim: true, disclaimer: .some("**x**")))
        #expect(updated == DomainRow(name: "example.com", delivery: "local", catch_all: "john@example.com",
                                     copy_to: "archive@example.com", dkim: true, disclaimer: true))
        let cleared = try admin.updateDomain("EXAMPLE.com", DomainChanges(catchAll: .some(nil), copyTo: .some(nil), dkim: false,
                                                                          disclaimer: .some(nil)))
        #expect(cleared == DomainRow(name: "example.com", delivery: "local"))

        try admin.removeDomain("example.com")
        #expect(try admin.domains().map(\.name) == ["relay.example"])
    }

    @Test func errors() throws {
        let admin = try makeAdministration()
        try admin.addDomain("example.com")
        #expect(adminError { try admin.addDomain("example.com") } == .conflict("domain example.com already exists"))
        #expect(adminError { try admin.addDomain("not_a_domain!") }?.kind == .invalidInput)
        #expect(adminError { try admin.removeDomain("nope.example") } == .notFound("unknown domain nope.example"))
        #expect(adminError { _ = try admin.domain("nope.example") } == .notFound("unknown domain nope.example"))
        #expect(adminError { try admin.updateDomain("nope.example", DomainChanges(dkim: true)) }?.kind == .notFound)
    }
}
