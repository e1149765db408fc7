import Testing
@testable import ProtocolKit

/// Issue 23, finding 3: per-IP concurrency and rate, the process budget, exemption.
@Suite("Connection limiter")
struct ConnectionLimiterTests {
    @Test func concurrentConnectionsPerAddress() {
        let limiter = ConnectionLimiter(perIP: 2, ratePerMinute: 0, budget: ConnectionBudget(limit: 100))
        #expect(limiter.admit("192.0.2.1", exempt: false, now: 0) == nil)
        #expect(limiter.admit("192.0.2.1", exempt: false, now: 0) == nil)
        #expect(limiter.admit("192.0.2.1", exempt: false, now: 0) == .concurrent(limit: 2))
        #expect(limiter.admit("192.0.2.2", exempt: false, now: 0) == nil)  // another address
        limiter.release("192.0.2.1", exempt: false, now: 1)
        #expect(limiter.admit("192.0.2.1", exempt: false, now: 1) == nil)
    }

    @Test func ratePerMinuteRefillsContinuously() {
        let limiter = ConnectionLimiter(perIP: 0, ratePerMinute: 6, budget: ConnectionBudget(limit: 100))
        for _ in 0..<6 {
            #expect(limiter.admit("198.51.100.7", exempt: false, now: 100) == nil)
            limiter.release("198.51.100.7", exempt: false, now: 100)
        }
        #expect(limiter.admit("198.51.100.7", exempt: false, now: 100) == .rate(perMinute: 6))
        #expect(limiter.admit("198.51.100.7", exempt: false, now: 109) == .rate(perMinute: 6))  // 0.9 token
        #expect(limiter.admit("198.51.100.7", exempt: false, now: 110.5) == nil)  // one every 10 s
        #expect(limiter.admit("198.51.100.7", exempt: false, now: 111) == .rate(perMinute: 6))
    }

    @Test func exemptClientsSkipPerAddressLimitsButNotTheBudget() {
        let budget = ConnectionBudget(limit: 3)
        let limiter = ConnectionLimiter(perIP: 1, ratePerMinute: 1, budget: budget)
        for _ in 0..<3 { #expect(limiter.admit("127.0.0.1", exempt: true, now: 0) == nil) }
        #expect(limiter.admit("127.0.0.1", exempt: true, now: 0) == .overall(limit: 3))
        #expect(limiter.trackedAddresses == 0)
        limiter.release("127.0.0.1", exempt: true, now: 0)
        #expect(budget.count == 2)
    }

    @Test func theBudgetIsSharedByListeners() {
        let budget = ConnectionBudget(limit: 2)
        let smtp = ConnectionLimiter(perIP: 50, ratePerMinute: 300, budget: budget)
        let imap = ConnectionLimiter(perIP: 50, ratePerMinute: 300, budget: budget)
        #expect(smtp.admit("203.0.113.1", exempt: false, now: 0) == nil)
        #expect(imap.admit("203.0.113.2", exempt: false, now: 0) == nil)
        #expect(imap.admit("203.0.113.3", exempt: false, now: 0) == .overall(limit: 2))
        // The refused connection holds nothing: after one release, one more fits.
        smtp.release("203.0.113.1", exempt: false, now: 0)
        #expect(imap.admit("203.0.113.3", exempt: false, now: 0) == nil)
        #expect(imap.admit("203.0.113.3", exempt: false, now: 0) == .overall(limit: 2))
    }

    @Test func idleAddressesAreForgotten() {
        let limiter = ConnectionLimiter(perIP: 5, ratePerMinute: 60, budget: ConnectionBudget(limit: 100))
        #expect(limiter.admit("192.0.2.9", exempt: false, now: 0) == nil)
        limiter.release("192.0.2.9", exempt: false, now: 0.5)
        #expect(limiter.trackedAddresses == 1)  // its bucket is not full yet
        #expect(limiter.admit("192.0.2.10", exempt: false, now: 5) == nil)
        limiter.release("192.0.2.10", exempt: false, now: 70)
        #expect(limiter.trackedAddresses == 1)  // .10 forgotten; .9 still counted until touched
    }

    @Test func descriptorCapKeepsAReserve() {
        #expect(DescriptorLimit.connectionCap(descriptors: 128) == 96)
        #expect(DescriptorLimit.connectionCap(descriptors: 1024) == 768)
        #expect(DescriptorLimit.connectionCap(descriptors: 1_048_576) == 1_047_552)
        #expect(DescriptorLimit.connectionCap(descriptors: 20) == 16)
    }
}
