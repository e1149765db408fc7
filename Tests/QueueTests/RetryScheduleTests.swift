import Foundation
import Queue
import Testing

@Suite("Retry schedule, expiry, delay warning")
struct RetryScheduleTests {
    let received = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func waitsDoubleUpToTheMaximum() {
        let schedule = RetrySchedule(firstDelay: 300, maximumDelay: 3600)
        #expect((1...6).map { schedule.delay(afterFailures: $0) } == [300, 600, 1200, 2400, 3600, 3600])
        #expect(schedule.delay(afterFailures: 0) == 300)
        #expect(schedule.delay(afterFailures: 10_000) == 3600)  // no overflow
    }

    @Test func theLastTryIsAtTheExpiry() {
        let schedule = RetrySchedule(firstDelay: 300, maximumDelay: 3600, lifetime: 1000)
        let now = received.addingTimeInterval(900)
        #expect(schedule.nextAttempt(afterFailures: 3, now: now, receivedAt: received) == received.addingTimeInterval(1000))
        #expect(!schedule.isExpired(receivedAt: received, now: now))
        #expect(schedule.isExpired(receivedAt: received, now: received.addingTimeInterval(1000)))
        let early = received.addingTimeInterval(10)
        #expect(schedule.nextAttempt(afterFailures: 1, now: early, receivedAt: received) == early.addingTimeInterval(300))
    }

    @Test func delayWarningOnceAfterItsTime() {
        let schedule = RetrySchedule(lifetime: 4 * 86_400, delayWarning: 4 * 3600)
        #expect(!schedule.wantsDelayWarning(receivedAt: received, now: received.addingTimeInterval(3 * 3600), alreadySent: false))
        #expect(schedule.wantsDelayWarning(receivedAt: received, now: received.addingTimeInterval(5 * 3600), alreadySent: false))
        #expect(!schedule.wantsDelayWarning(receivedAt: received, now: received.addingTimeInterval(5 * 3600), alreadySent: true))
        // 0 = never; a lifetime shorter than the warning bounces first.
        let never = RetrySchedule(lifetime: 86_400, delayWarning: 0)
        #expect(!never.wantsDelayWarning(receivedAt: received, now: received.addingTimeInterval(80_000), alreadySent: false))
        let short = RetrySchedule(lifetime: 3600, delayWarning: 4 * 3600)
        #expect(!short.wantsDelayWarning(receivedAt: received, now: received.addingTimeInterval(5 * 3600), alreadySent: false))
    }

    @Test func environmentOverridesForTests() {
        let configuration = OutboundConfiguration.fromEnvironment(["POSTINO_QUEUE_RETRY": "1, 4", "POSTINO_QUEUE_SWEEP": "0.5"])
        #expect(configuration.retryOverride?.first == 1)
        #expect(configuration.retryOverride?.maximum == 4)
        #expect(configuration.sweepInterval == .milliseconds(500))
        let plain = OutboundConfiguration.fromEnvironment([:])
        #expect(plain.retryOverride == nil)
        #expect(plain.sweepInterval == .seconds(10))
    }
}
