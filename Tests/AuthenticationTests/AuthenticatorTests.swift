@testable import Authentication
import Directory
import Logging
import Testing

@Suite struct AuthenticatorTests {
    let clock = VirtualClock()

    func authenticator(_ policy: LoginThrottlePolicy = LoginThrottlePolicy(),
                       credentials: FakeCredentials = FakeCredentials()) -> Authenticator {
        Authenticator(verifier: credentials, policy: { policy }, clock: clock, accessLog: quietLog)
    }

    @Test func parallelWrongPasswordsFromOneAddressAreAllDelayed() async {
        let auth = authenticator()
        let wrong = (0..<5).map { login("user\($0)", password: "guess\($0)") }
        let results = await runConcurrently(wrong, auth, clock)
        #expect(results.allSatisfy { $0.outcome == .invalidCredentials })
        // Each one waited for those ahead of it: answered at 1, 2, 4, 8 and 15 seconds.
        #expect(results.map(\.answeredAt).sorted() == [1, 2, 4, 8, 15].map(Duration.seconds))
    }

    @Test func parallelCorrectPasswordsFromOneAddressAreNotHeldUp() async {
        let auth = authenticator()
        let results = await runConcurrently((0..<5).map { login("user\($0 % 2)") }, auth, clock)
        #expect(results.allSatisfy { if case .success = $0.outcome { true } else { false } })
        // Each waited only for the attempts ahead of it to succeed, not for a penalty.
        #expect(results.allSatisfy { $0.answeredAt == .zero }, "\(results)")
    }

    @Test func aCorrectPasswordAfterABurstWorks() async {
        let auth = authenticator()
        _ = await runConcurrently((0..<6).map { _ in login("alice", password: "guess") }, auth, clock)
        let burstOver = clock.now()
        let results = await runConcurrently([login("alice")], auth, clock)
        #expect(results[0].outcome == .success(user: "alice", viaMaster: false))
        // It waited the longest penalty, and no more.
        #expect(results[0].answeredAt - burstOver == .seconds(15))
        // The account's failures are forgotten: the next login is not slowed.
        let next = await runConcurrently([login("alice")], auth, clock)
        #expect(next[0].answeredAt == results[0].answeredAt)
    }

    @Test func theBlockAfterNFailuresIsOptIn() async {
        let blocking = authenticator(LoginThrottlePolicy(blockAfter: 3))
        for _ in 0..<3 { _ = await runConcurrently([login("alice", password: "guess")], blocking, clock) }
        #expect(await runConcurrently([login("alice")], blocking, clock)[0].outcome == .blocked)
        // Another address is not blocked.
        #expect(await runConcurrently([login("alice", ip: "203.0.113.9")], blocking, clock)[0].outcome
                == .success(user: "alice", viaMaster: false))
        // Off by default: the same failures only slow the correct password down.
        let clock2 = VirtualClock()
        let slowing = Authenticator(verifier: FakeCredentials(), policy: { LoginThrottlePolicy() }, clock: clock2,
                                    accessLog: quietLog)
        for _ in 0..<20 { _ = await runConcurrently([login("alice", password: "guess")], slowing, clock2) }
        #expect(await runConcurrently([login("alice")], slowing, clock2)[0].outcome == .success(user: "alice", viaMaster: false))
    }

    @Test func theBlockEndsFifteenMinutesAfterTheLastFailure() async {
        let auth = authenticator(LoginThrottlePolicy(blockAfter: 2))
        for _ in 0..<2 { _ = await runConcurrently([login("alice", password: "guess")], auth, clock) }
        #expect(await runConcurrently([login("alice")], auth, clock)[0].outcome == .blocked)
        clock.advance(by: .seconds(15 * 60))
        let results = await runConcurrently([login("alice")], auth, clock)
        #expect(results[0].outcome == .success(user: "alice", viaMaster: false))
    }

    @Test func failuresAreForgottenAfterFifteenMinutes() async {
        let auth = authenticator()
        for _ in 0..<4 { _ = await runConcurrently([login("alice", password: "guess")], auth, clock) }
        clock.advance(by: .seconds(15 * 60))
        let before = clock.now()
        let results = await runConcurrently([login("bob", password: "guess")], auth, clock)
        // Answered after the first failure's 1 s, not after 15 s.
        #expect(results[0].answeredAt - before == .seconds(1))
    }

    @Test func aRefusedAuthorizationIdentityCountsAsAFailure() async {
        let auth = authenticator()
        let refused = await runConcurrently([login("alice", authz: "bob")], auth, clock)
        #expect(refused[0].outcome == .authorizationRefused)
        #expect(refused[0].answeredAt == .seconds(1))
        // The same identity twice is no proxy login.
        #expect(await runConcurrently([login("alice", authz: "ALICE")], auth, clock)[0].outcome
                == .success(user: "alice", viaMaster: false))
    }

    @Test func serviceSwitchesAndUnavailableDirectoriesAreNotFailures() async {
        let auth = authenticator(credentials: FakeCredentials(disabled: ["carol"]))
        let disabled = await runConcurrently([login("carol", service: .pop3)], auth, clock)
        #expect(disabled[0].outcome == .serviceDisabled(.pop3) && disabled[0].answeredAt == .zero)
        let down = authenticator(credentials: FakeCredentials(unavailable: true))
        #expect(await runConcurrently([login("alice")], down, clock)[0].outcome == .unavailable)
        // Neither slowed the next login down.
        let next = await runConcurrently([login("alice")], auth, clock)
        #expect(next[0].answeredAt == .zero)
    }

    @Test func masterLoginsAreThrottledAsTheAdministrator() {
        #expect(login("alice*admin").throttledAccount == "admin")
        #expect(login("Alice@Example.COM").throttledAccount == "alice")
    }

    @Test func accessLogLinesShareOneFormat() {
        let request = LoginRequest(service: .smtp, mechanism: "LOGIN", login: "alice", password: "x",
                                   remoteAddress: "192.0.2.7", tls: true)
        #expect(AccessLogLine.make(request, .success(user: "alice", viaMaster: true), waited: .zero, detail: nil)
                == "smtp login: user=<alice>, method=LOGIN, rip=192.0.2.7, TLS, master user login by the administrator")
        #expect(AccessLogLine.make(request, .invalidCredentials, waited: .milliseconds(2500), detail: nil)
                == "smtp auth failed: user=<alice>, method=LOGIN, rip=192.0.2.7, TLS: invalid credentials (answered after 2.5s)")
        #expect(AccessLogLine.make(request, .blocked, waited: .zero, detail: "auth.block_after=10")
                == "smtp auth refused: user=<alice>, method=LOGIN, rip=192.0.2.7, TLS: too many failures from this address (auth.block_after=10)")
    }
}
