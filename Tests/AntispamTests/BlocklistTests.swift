import Foundation
import Testing
@testable import Antispam

/// A DNS stand-in: fixed answers, a query log, optional slowness.
final class FakeResolver: BlocklistResolver, @unchecked Sendable {
    let answers: [String: [String]]
    let slow: Set<String>
    private let lock = NSLock()
    private var queried: [String] = []

    init(_ answers: [String: [String]], slow: Set<String> = []) {
        self.answers = answers
        self.slow = slow
    }

    var queries: [String] { lock.lock(); defer { lock.unlock() }; return queried }

    func ipv4Addresses(of name: String) async throws -> [String] {
        lock.withLock { queried.append(name) }
        if slow.contains(name) { try await Task.sleep(for: .seconds(600)) }
        return answers[name] ?? []
    }
}

final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ line: String) { lock.lock(); stored.append(line); lock.unlock() }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}

@Suite struct BlocklistTests {
    func zones(_ text: String) throws -> [BlocklistZone] { try BlocklistZone.parseList(text).get() }

    @Test func listsParseWithWeightsAndCodes() throws {
        let z = try zones("zen.example:127.0.0.2|127.0.0.4=3.5, bl.example")
        #expect(z == [BlocklistZone(zone: "zen.example", weight: 3.5, codes: ["127.0.0.2", "127.0.0.4"]),
                      BlocklistZone(zone: "bl.example", weight: 4)])
        #expect(throws: BlocklistListError.self) { try BlocklistZone.parseList("bad zone=x").get() }
        #expect(throws: BlocklistListError.self) { try BlocklistZone.parseList("zen.example:nope=1").get() }
        #expect(try BlocklistZone.parseList(BlocklistZone.defaultClientLists).get().count == 2)
        #expect(try BlocklistZone.parseList(BlocklistZone.defaultURILists).get().count == 2)
    }

    @Test func clientListingsHonourCodesAndPolicyAnswersAreLoggedOnce() async throws {
        let resolver = FakeResolver([
            "10.2.0.192.zen.example": ["127.0.0.4"],
            "10.2.0.192.codes.example": ["127.0.0.9"],
            "10.2.0.192.public.example": ["127.255.255.254"],
        ])
        let log = LogLines()
        let checker = BlocklistChecker(resolver: resolver,
                                       clientLists: try zones("zen.example=4, codes.example:127.0.0.2=2, public.example=1"),
                                       uriLists: [], log: { log.add($0) })
        let symbols = await checker.checkClient(address: "192.0.2.10")
        #expect(symbols == [ExternalSymbol(name: "RBL_LISTED", detail: "192.0.2.10 in zen.example (127.0.0.4)", weight: 4)])
        _ = await checker.checkClient(address: "192.0.2.10")
        #expect(resolver.queries.count == 3)   // the second check came from the cache
        #expect(log.lines.count == 1 && log.lines[0].contains("public.example"))
        for address in ["127.0.0.1", "10.1.2.3", "192.168.1.1", "::1", "fe80::1", "fd00::1"] {
            #expect(await checker.checkClient(address: address).isEmpty)
        }
        #expect(resolver.queries.count == 3)
        let v6 = await BlocklistChecker(resolver: resolver, clientLists: try zones("zen.example"), uriLists: [])
            .checkClient(address: "2001:db8::1")
        #expect(v6.isEmpty)
        #expect(resolver.queries.last == "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.example")
    }

    @Test func uriListingsUseRegisteredDomains() async throws {
        let resolver = FakeResolver(["spam.example.uribl.test": ["127.0.0.2"], "7.2.0.192.uribl.test": ["127.0.0.2"]])
        let checker = BlocklistChecker(resolver: resolver, clientLists: [], uriLists: try zones("uribl.test=3"))
        let symbols = await checker.checkURIs(["http://www.shop.spam.example/buy?x=1", "https://good.example.co.uk/",
                                               "http://192.0.2.7/login", "http://10.0.0.1/"])
        #expect(Set(symbols.map(\.detail)) == ["spam.example in uribl.test (127.0.0.2)", "192.0.2.7 in uribl.test (127.0.0.2)"])
        #expect(symbols.allSatisfy { $0.name == "URIBL_LISTED" && $0.weight == 3 })
        #expect(Set(resolver.queries) == ["spam.example.uribl.test", "example.co.uk.uribl.test", "7.2.0.192.uribl.test"])
    }

    @Test func aSlowListDoesNotDelayTheAnswerPastTheTimeout() async throws {
        let resolver = FakeResolver(["10.2.0.192.fast.example": ["127.0.0.2"]], slow: ["10.2.0.192.slow.example"])
        let checker = BlocklistChecker(resolver: resolver, clientLists: try zones("fast.example=1, slow.example=5"),
                                       uriLists: [], timeout: .seconds(10))
        let clock = ContinuousClock()
        let start = clock.now
        let symbols = await checker.checkClient(address: "192.0.2.10")
        // The slow list answers after 10 minutes; the answer comes at the 10 s timeout.
        // The timeout is long enough that a starved test run (over 9 s once) still gets
        // the fast list's answer in time, the bound wide enough that only an ignored
        // timeout fails it.
        #expect(clock.now - start < .seconds(60))
        #expect(symbols.map(\.detail) == ["192.0.2.10 in fast.example (127.0.0.2)"])
    }
}
