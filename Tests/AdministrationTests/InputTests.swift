import Testing
@testable import Administration

@Suite("Input parsing")
struct InputTests {
    @Test func quotas() throws {
        #expect(try AdminInput.quota("2G") == .bytes(2 << 30))
        #expect(try AdminInput.quota("500m") == .bytes(500 << 20))
        #expect(try AdminInput.quota("none") == .unlimited)
        #expect(try AdminInput.quota("Unlimited") == .unlimited)
        #expect(try AdminInput.quota("default") == .serverDefault)
        let error = adminError { _ = try AdminInput.quota("lots") }
        #expect(error == .invalidInput("--quota: expected a size like 500M or 2G, or none, got \"lots\""))
        #expect(adminError { _ = try AdminInput.quota("-5", label: "quota") }?.message.hasPrefix("quota: ") == true)
    }

    @Test func spamRetention() throws {
        #expect(try AdminInput.spamRetention("30") == 30)
        #expect(try AdminInput.spamRetention("0") == 0)
        #expect(try AdminInput.spamRetention("default") == nil)
        for bad in ["forever", "3651", "-1", ""] {
            let error = adminError { _ = try AdminInput.spamRetention(bad) }
            #expect(error?.kind == .invalidInput)
            #expect(error?.message == "--spam-retention: expected a number of days (0-3650) or default, got \"\(bad)\"")
        }
    }

    @Test func addressesAndDestinations() throws {
        #expect(try AdminInput.address("john@example.com", label: "--catch-all").description == "john@example.com")
        let error = adminError { _ = try AdminInput.address("not-an-address", label: "catch_all") }
        #expect(error?.kind == .invalidInput)
        #expect(error?.message.hasPrefix("catch_all: invalid address \"not-an-address\": ") == true)
        #expect(try AdminInput.destination("user:Bob").description == "user:bob")
        #expect(try AdminInput.destination("public:shared").description == "public:shared")
        #expect(adminError { _ = try AdminInput.destination("bob") }?.kind == .invalidInput)
    }

    @Test func relayTargets() throws {
        let target = try AdminInput.relayTarget("mx.backend.example:2525")
        #expect(target.host == "mx.backend.example" && target.port == 2525)
        #expect(try AdminInput.relayTarget("[2001:db8::1]:26").host == "2001:db8::1")
        #expect(adminError { _ = try AdminInput.relayTarget("host:99999") }?.kind == .invalidInput)
        #expect(adminError { _ = try AdminInput.relayTarget("host:x") }?.kind == .invalidInput)
    }
}
