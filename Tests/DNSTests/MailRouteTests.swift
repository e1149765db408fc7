import Testing
@testable import DNS
import MailCore

@Suite struct MailRouteTests {
    private func mx(_ preference: UInt16, _ host: DNSName) -> MXRecord {
        MXRecord(preference: preference, exchange: host)
    }

    @Test func sortsByPreference() {
        var generator = SeededGenerator(seed: 1)
        let route = MailRoute.from(domain: "example.test",
                                   records: [mx(30, "c.example.test"), mx(10, "a.example.test"), mx(20, "b.example.test")],
                                   using: &generator)
        #expect(route.hosts == ["a.example.test", "b.example.test", "c.example.test"])
        guard case .exchangers(let exchangers) = route else {
            Issue.record("expected exchangers")
            return
        }
        #expect(exchangers.map(\.preference) == [10, 20, 30])
    }

    @Test func shufflesEqualPreferencesOnly() {
        let records = [mx(10, "a.test"), mx(10, "b.test"), mx(10, "c.test"), mx(5, "first.test"), mx(20, "last.test")]
        var firstOfTies: Set<DNSName> = []
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<200 {
            let hosts = MailRoute.from(domain: "test", records: records, using: &generator).hosts
            #expect(hosts.count == 5)
            #expect(hosts.first == "first.test" && hosts.last == "last.test")
            #expect(Set(hosts[1...3]) == ["a.test", "b.test", "c.test"])
            firstOfTies.insert(hosts[1])
        }
        // Each of the three equal hosts comes first some of the time.
        #expect(firstOfTies.count == 3)
    }

    @Test func nullMX() {
        #expect(MailRoute.from(domain: "example.test", records: [mx(0, .root)]) == .nullMX)
        #expect(MailRoute.from(domain: "example.test", records: [mx(0, .root)]).hosts.isEmpty)
        // A root exchange mixed with real ones is unusable; the real ones stay.
        #expect(MailRoute.from(domain: "example.test", records: [mx(0, .root), mx(10, "mx.example.test")]).hosts
                == ["mx.example.test"])
    }

    @Test func implicitMXWithoutRecords() {
        let route = MailRoute.from(domain: "example.test", records: [])
        #expect(route == .implicit("example.test"))
        #expect(route.hosts == ["example.test"])
    }

    @Test func duplicateHostsKeepTheirBestPreference() {
        let route = MailRoute.from(domain: "example.test",
                                   records: [mx(20, "MX.example.test"), mx(10, "b.example.test"), mx(5, "mx.example.test")])
        guard case .exchangers(let exchangers) = route else {
            Issue.record("expected exchangers")
            return
        }
        #expect(exchangers == [MailExchanger(preference: 5, host: "mx.example.test"),
                               MailExchanger(preference: 10, host: "b.example.test")])
    }
}
