import Testing
@testable import DNS

@Suite struct DNSCacheTests {
    private func answer(_ name: DNSName, ttl: UInt32, _ records: [DNSResourceRecord]? = nil) -> DNSMessage {
        let query = DNSMessage.query(id: 1, name: name, type: .a)
        return response(to: query, answers: records ?? [record(name, .a(IPv4Address("192.0.2.1")!), ttl: ttl)])
    }

    @Test func positiveAnswersLiveForTheirSmallestTTL() {
        let clock = ManualClock()
        let cache = DNSCache(now: clock.function)
        let name: DNSName = "www.example.test"
        let records = [record(name, .cname("host.example.test"), ttl: 100),
                       record("host.example.test", .a(IPv4Address("192.0.2.1")!), ttl: 300)]
        cache.store(answer(name, ttl: 0, records), for: name, .a)
        #expect(cache.lookup("WWW.Example.TEST", .a)?.answers.count == 2)  // names without case
        #expect(cache.lookup(name, .aaaa) == nil)                          // keyed by type too
        clock.advance(by: .seconds(40))
        #expect(cache.lookup(name, .a)?.answers.map(\.ttl) == [60, 260])   // TTLs count down
        clock.advance(by: .seconds(60))
        #expect(cache.lookup(name, .a) == nil)
        #expect(cache.count == 0)
    }

    @Test func zeroTTLIsNotCached() {
        let cache = DNSCache(now: ManualClock().function)
        cache.store(answer("a.test", ttl: 0), for: "a.test", .a)
        #expect(cache.lookup("a.test", .a) == nil)
    }

    @Test func negativeAnswersUseTheSOAMinimum() {
        let clock = ManualClock()
        let cache = DNSCache(now: clock.function)
        let query = DNSMessage.query(id: 1, name: "nope.example.test", type: .a)
        // RFC 2308 §5: min(SOA TTL, SOA MINIMUM) = 60 here.
        cache.store(response(to: query, rcode: .nameError, authorities: [soa("example.test", ttl: 3600, minimum: 60)]),
                    for: "nope.example.test", .a)
        let noData = DNSMessage.query(id: 2, name: "mx.example.test", type: .aaaa)
        cache.store(response(to: noData, authorities: [soa("example.test", ttl: 30, minimum: 600)]),
                    for: "mx.example.test", .aaaa)
        #expect(cache.lookup("nope.example.test", .a)?.outcome == .nonexistentDomain)
        #expect(cache.lookup("mx.example.test", .aaaa)?.outcome == .noData)
        clock.advance(by: .seconds(31))
        #expect(cache.lookup("mx.example.test", .aaaa) == nil)
        #expect(cache.lookup("nope.example.test", .a) != nil)
        clock.advance(by: .seconds(30))
        #expect(cache.lookup("nope.example.test", .a) == nil)
    }

    @Test func negativeAnswersWithoutSOAAndErrorsAreNotCached() {
        let cache = DNSCache(now: ManualClock().function)
        let query = DNSMessage.query(id: 1, name: "x.test", type: .a)
        cache.store(response(to: query, rcode: .nameError), for: "x.test", .a)
        cache.store(response(to: query, rcode: .serverFailure, authorities: [soa("test")]), for: "x.test", .a)
        #expect(cache.lookup("x.test", .a) == nil)
    }

    @Test func cnameOnlyAnswersAreKeptForTheirTTL() {
        let clock = ManualClock()
        let cache = DNSCache(now: clock.function)
        let query = DNSMessage.query(id: 1, name: "www.example.test", type: .a)
        cache.store(response(to: query, answers: [record("www.example.test", .cname("host.example.test"), ttl: 120)]),
                    for: "www.example.test", .a)
        #expect(cache.lookup("www.example.test", .a)?.answers.map(\.data) == [.cname("host.example.test")])
        clock.advance(by: .seconds(120))
        #expect(cache.lookup("www.example.test", .a) == nil)
    }

    @Test func ttlsAreCapped() {
        let clock = ManualClock()
        let cache = DNSCache(now: clock.function)
        cache.store(answer("a.test", ttl: 7 * 86_400), for: "a.test", .a)
        clock.advance(by: .seconds(86_399))
        #expect(cache.lookup("a.test", .a) != nil)
        clock.advance(by: .seconds(1))
        #expect(cache.lookup("a.test", .a) == nil)
        let query = DNSMessage.query(id: 1, name: "b.test", type: .a)
        cache.store(response(to: query, rcode: .nameError, authorities: [soa("test", ttl: 86_400, minimum: 86_400)]),
                    for: "b.test", .a)
        clock.advance(by: .seconds(10_800))
        #expect(cache.lookup("b.test", .a) == nil)
    }

    @Test func capacityEvictsExpiredThenSoonestToExpire() {
        let clock = ManualClock()
        let cache = DNSCache(capacity: 3, now: clock.function)
        cache.store(answer("short.test", ttl: 10), for: "short.test", .a)
        cache.store(answer("medium.test", ttl: 100), for: "medium.test", .a)
        cache.store(answer("long.test", ttl: 1000), for: "long.test", .a)
        cache.store(answer("new.test", ttl: 500), for: "new.test", .a)
        #expect(cache.count == 3)
        #expect(cache.lookup("short.test", .a) == nil)
        #expect(cache.lookup("medium.test", .a) != nil)
        clock.advance(by: .seconds(200))  // medium expires
        cache.store(answer("newer.test", ttl: 50), for: "newer.test", .a)
        #expect(cache.lookup("long.test", .a) != nil && cache.lookup("new.test", .a) != nil)
        #expect(cache.lookup("newer.test", .a) != nil)
        #expect(cache.count == 3)
    }
}
