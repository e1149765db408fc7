import Testing
@testable import Administration

@Suite("DKIM operations")
struct DKIMOperationTests {
    @Test func generateAndShow() throws {
        let admin = try makeAdministration()
        try admin.addDomain("example.com")
        let generated = try admin.generateDKIMKeys(domain: "Example.com", ed25519: true)
        #expect(generated.map(\.selector) == ["default", "ed25519"])
        #expect(generated.map(\.key_type) == ["rsa", "ed25519"])
        #expect(generated[0].name == "default._domainkey.example.com" && generated[0].value.hasPrefix("v=DKIM1; k=rsa; p="))
        #expect(generated[0].zone_file_line.hasPrefix("default._domainkey.example.com. IN TXT \""))
        #expect(try admin.dkimKeys(domain: "example.com") == generated)
        #expect(try admin.dkimSigners(domain: "example.com").count == 2)
        #expect(adminError { try admin.generateDKIMKeys(domain: "example.com") }?.kind == .conflict)
        let replaced = try admin.generateDKIMKeys(domain: "example.com", force: true)
        #expect(replaced[0].value != generated[0].value)
    }

    @Test func errors() throws {
        let admin = try makeAdministration()
        try admin.addDomain("example.com")
        #expect(adminError { try admin.generateDKIMKeys(domain: "nope.example") } == .notFound("unknown domain nope.example"))
        #expect(adminError { _ = try admin.dkimKeys(domain: "example.com") } == .notFound("no DKIM key for example.com"))
    }
}
