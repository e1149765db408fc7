import Foundation
import Testing
@testable import Antispam
import AntispamStore

@Suite struct GreylistTests {
    enum Kind: CaseIterable { case memory, sqlite }

    func store(_ kind: Kind) throws -> any GreylistStore {
        switch kind {
        case .memory: return InMemoryGreylistStore()
        case .sqlite:
            return try SQLiteGreylistStore(path: FileManager.default.temporaryDirectory
                .appendingPathComponent("greylist-\(UUID().uuidString).sqlite").path)
        }
    }

    @Test(arguments: Kind.allCases)
    func firstTryDefersEarlyRetryDefersLateRetryPassesAndIsRemembered(kind: Kind) async throws {
        let greylist = Greylist(store: try store(kind), policy: GreylistPolicy(delay: 300))
        let key = GreylistKey(clientAddress: "192.0.2.10", sender: "A@Example.org", recipient: "bob@example.com")
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(try await greylist.check(key, now: t0) == .defer(retryAfter: 300))
        #expect(try await greylist.check(key, now: t0.addingTimeInterval(60)) == .defer(retryAfter: 240))
        #expect(try await greylist.check(key, now: t0.addingTimeInterval(301)) == .pass(.retried))
        // Known: passes at once, from another server of the same /24, for 36 days after last seen.
        let sibling = GreylistKey(clientAddress: "192.0.2.200", sender: "a@example.org", recipient: "BOB@example.com")
        #expect(try await greylist.check(sibling, now: t0.addingTimeInterval(86_400 * 30)) == .pass(.known))
        #expect(try await greylist.check(sibling, now: t0.addingTimeInterval(86_400 * 65)) == .pass(.known))
        #expect(try await greylist.check(sibling, now: t0.addingTimeInterval(86_400 * 102)).passes == false)
        // Another recipient is another triple.
        let other = GreylistKey(clientAddress: "192.0.2.10", sender: "a@example.org", recipient: "carol@example.com")
        #expect(try await greylist.check(other, now: t0.addingTimeInterval(400)).passes == false)
    }

    @Test func aRetryAfterTheWindowStartsOver() async throws {
        let greylist = Greylist(store: InMemoryGreylistStore())
        let key = GreylistKey(clientAddress: "2001:db8:1:2:3:4:5:6", sender: "", recipient: "bob@example.com")
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        _ = try await greylist.check(key, now: t0)
        #expect(try await greylist.check(key, now: t0.addingTimeInterval(90_000)) == .defer(retryAfter: 300))
        #expect(try await greylist.check(key, now: t0.addingTimeInterval(90_400)) == .pass(.retried))
    }

    @Test func sqliteRemembersAcrossReopeningAndPurges() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("greylist-\(UUID().uuidString).sqlite").path
        let key = GreylistKey(clientAddress: "198.51.100.7", sender: "s@example.net", recipient: "r@example.com")
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        _ = try await Greylist(store: SQLiteGreylistStore(path: path)).check(key, now: t0)
        let reopened = Greylist(store: try SQLiteGreylistStore(path: path))
        #expect(try await reopened.check(key, now: t0.addingTimeInterval(600)) == .pass(.retried))
        let waiting = GreylistKey(clientAddress: "203.0.113.9", sender: "x@example.net", recipient: "r@example.com")
        _ = try await reopened.check(waiting, now: t0.addingTimeInterval(600))
        #expect(try await reopened.purge(now: t0.addingTimeInterval(2 * 86_400)) == 1)
        #expect(try await reopened.check(key, now: t0.addingTimeInterval(2 * 86_400)) == .pass(.known))
    }

    @Test func networksAreSlash24AndSlash64() {
        #expect(GreylistKey.network(of: "192.0.2.77") == "192.0.2.0/24")
        #expect(GreylistKey.network(of: "2001:db8:1:2:3::4") == "2001:db8:1:2::/64")
        #expect(GreylistKey.network(of: "[2001:db8::1]") == "2001:db8:0:0::/64")
    }
}
