import Authentication
import Testing

@Suite struct LoginThrottlePolicyTests {
    @Test func penaltyStartsAtOneSecondAndDoublesToFifteen() {
        let policy = LoginThrottlePolicy()
        #expect((0...7).map { policy.penalty(level: $0) }
                == [.zero, .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(15), .seconds(15), .seconds(15)])
        #expect(policy.penalty(level: 10_000) == .seconds(15))
    }

    @Test func aZeroInitialPenaltyTurnsTheWaitsOff() {
        #expect(LoginThrottlePolicy(initialPenalty: .zero).penalty(level: 5) == .zero)
    }
}

@Suite struct LoginThrottleTests {
    let start = Duration.zero

    @Test func parallelAttemptsFromOneAddressWaitForThoseAhead() {
        var throttle = LoginThrottle()
        // Five attempts start at once, against five different accounts.
        let tickets = (0..<5).map { throttle.begin(ip: "192.0.2.7", account: "user\($0)", now: start) }
        #expect(throttle.check(tickets[0], now: start) == .proceed(failureReplyAt: .seconds(1)))
        for (index, expected) in [1, 2, 4, 8].map(Duration.seconds).enumerated() {
            #expect(throttle.check(tickets[index + 1], now: start) == .wait(until: expected))
        }
        // The first fails: the second still waits 1 s (a failure took the place of an
        // attempt in flight), then may go on and answer a failure at 2 s.
        throttle.finish(tickets[0], .failure, now: start)
        #expect(throttle.check(tickets[1], now: .milliseconds(999)) == .wait(until: .seconds(1)))
        #expect(throttle.check(tickets[1], now: .seconds(1)) == .proceed(failureReplyAt: .seconds(2)))
    }

    @Test func anAttemptAheadThatSucceedsLetsTheOthersGoAtOnce() {
        var throttle = LoginThrottle()
        let first = throttle.begin(ip: "192.0.2.7", account: "alice", now: start)
        let second = throttle.begin(ip: "192.0.2.7", account: "alice", now: start)
        #expect(throttle.check(second, now: start) == .wait(until: .seconds(1)))
        throttle.finish(first, .success, now: .milliseconds(20))
        #expect(throttle.check(second, now: .milliseconds(20)) == .proceed(failureReplyAt: .seconds(1)))
    }

    @Test func failuresAgainstOneAccountSlowDownEveryAddress() {
        var throttle = LoginThrottle()
        for index in 0..<3 {
            let ticket = throttle.begin(ip: "198.51.100.\(index)", account: "alice", now: start)
            throttle.finish(ticket, .failure, now: start)
        }
        let fresh = throttle.begin(ip: "203.0.113.9", account: "alice", now: start)
        #expect(throttle.check(fresh, now: start) == .wait(until: .seconds(4)))
        #expect(throttle.failures(account: "alice", now: start) == 3)
    }

    @Test func failuresAreForgottenAfterFifteenMinutesWithoutAnother() {
        var throttle = LoginThrottle()
        for minute in [0, 10] {
            let ticket = throttle.begin(ip: "192.0.2.7", account: "alice", now: .seconds(minute * 60))
            throttle.finish(ticket, .failure, now: .seconds(minute * 60))
        }
        // 15 minutes after the first failure but not after the last: still remembered.
        #expect(throttle.failures(ip: "192.0.2.7", now: .seconds(15 * 60)) == 2)
        let late = Duration.seconds(25 * 60)
        #expect(throttle.failures(ip: "192.0.2.7", now: late - .seconds(1)) == 2)
        #expect(throttle.failures(ip: "192.0.2.7", now: late) == 0)
        let ticket = throttle.begin(ip: "192.0.2.7", account: "alice", now: late)
        #expect(throttle.check(ticket, now: late) == .proceed(failureReplyAt: late + .seconds(1)))
    }

    @Test func theBlockIsOptIn() {
        for blockAfter in [0, 3] {
            var throttle = LoginThrottle(policy: LoginThrottlePolicy(blockAfter: blockAfter))
            for _ in 0..<3 {
                let ticket = throttle.begin(ip: "192.0.2.7", account: "alice", now: start)
                throttle.finish(ticket, .failure, now: start)
            }
            let next = throttle.begin(ip: "192.0.2.7", account: "alice", now: .seconds(60))
            if blockAfter == 0 {
                #expect(throttle.check(next, now: .seconds(60)) == .wait(until: .seconds(64)))
                #expect(throttle.check(next, now: .seconds(64)) == .proceed(failureReplyAt: .seconds(68)))
            } else {
                #expect(throttle.check(next, now: .seconds(60)) == .blocked)
                // Other addresses are not blocked, only slowed down by the account's failures.
                let other = throttle.begin(ip: "203.0.113.9", account: "alice", now: .seconds(60))
                #expect(throttle.check(other, now: .seconds(64)) != .blocked)
                #expect(throttle.check(next, now: .seconds(60 * 16)) != .blocked)
            }
        }
    }

    @Test func aSuccessForgetsOnlyTheFailuresAgainstItsOwnAccount() {
        var throttle = LoginThrottle()
        for account in ["alice", "bob", "mallory"] {
            let ticket = throttle.begin(ip: "192.0.2.7", account: account, now: start)
            throttle.finish(ticket, .failure, now: start)
        }
        let own = throttle.begin(ip: "192.0.2.7", account: "mallory", now: start)
        throttle.finish(own, .success, now: .seconds(10))
        #expect(throttle.failures(ip: "192.0.2.7", now: .seconds(10)) == 2)
        #expect(throttle.failures(account: "mallory", now: .seconds(10)) == 0)
        #expect(throttle.failures(account: "alice", now: .seconds(10)) == 1)
    }

    @Test func neitherOutcomeOnlyLeavesTheFlight() {
        var throttle = LoginThrottle()
        let first = throttle.begin(ip: "192.0.2.7", account: "alice", now: start)
        let second = throttle.begin(ip: "192.0.2.7", account: "alice", now: start)
        throttle.finish(first, .neither, now: start)
        #expect(throttle.check(second, now: start) == .proceed(failureReplyAt: .seconds(1)))
        #expect(throttle.failures(ip: "192.0.2.7", now: start) == 0)
    }
}
