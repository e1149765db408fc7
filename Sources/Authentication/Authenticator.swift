import Directory
import Durability
import Logging
import Metrics
import Synchronization

/// The one login path of SMTP AUTH, IMAP, POP3, ManageSieve (and the admin login): the
/// authorization-identity rule, the credentials (the directory's users, master user,
/// per-service switches), the throttle (`LoginThrottle`: waits growing with the recent
/// failures of the IP address and of the account, the opt-in block) and one access-log
/// line per attempt. One instance serves every service, so failures count across them.
public final class Authenticator: Sendable {
    private let verifier: any CredentialVerifier
    private let policy: @Sendable () async throws -> LoginThrottlePolicy
    private let plaintext: @Sendable () async throws -> Bool
    private let clock: any LoginClock
    private let state = Mutex(State())
    private let log: Logger

    /// The throttle, and the attempts sleeping until their turn: an attempt ahead of them
    /// that succeeds (or ends without a failure) wakes those of its IP address and account
    /// at once, so parallel correct logins are not held up for a whole penalty.
    private struct State {
        var throttle = LoginThrottle()
        var naps: [UInt64: Nap] = [:]
        var lastNap: UInt64 = 0
    }

    private struct Nap {
        let ip: String
        let account: String
        let task: Task<Void, Never>
    }

    /// `policy` is read at the start of every attempt (the settings may change while the
    /// server runs); when it cannot be read the defaults apply. `plaintext`: whether
    /// passwords may be sent before TLS.
    public init(verifier: any CredentialVerifier, policy: @escaping @Sendable () async throws -> LoginThrottlePolicy,
                plaintext: @escaping @Sendable () async throws -> Bool = { false },
                clock: any LoginClock = SystemLoginClock(), accessLog: Logger) {
        self.verifier = verifier
        self.policy = policy
        self.plaintext = plaintext
        self.clock = clock
        self.log = accessLog
    }

    /// The server's authenticator: the directory's users and the `auth.*` settings.
    public convenience init(directory: any MailDirectory, accessLog: Logger) {
        let settings = directory.settings
        self.init(verifier: DirectoryCredentials(directory: directory),
                  policy: { try await BlockingIO.run { try LoginThrottlePolicy.load(from: settings) } },
                  plaintext: { try await BlockingIO.run { try settings.bool(.allowUnencrypted) } },
                  accessLog: accessLog)
    }

    /// Whether a connection without TLS may log in with a password (`mail.allow_unencrypted`).
    /// When the setting cannot be read: no (logged), the safe side.
    public func allowsPasswordsWithoutTLS(service: MailService, remoteAddress: String) async -> Bool {
        do {
            return try await plaintext()
        } catch {
            log.error("\(service.rawValue): cannot read mail.allow_unencrypted for \(remoteAddress), passwords need TLS: \(error)")
            return false
        }
    }

    /// Decides a login. Suspends for the throttle's waits; never throws.
    public func authenticate(_ request: LoginRequest) async -> LoginOutcome {
        let current: LoginThrottlePolicy
        do {
            current = try await policy()
        } catch {
            log.warning("auth: cannot read the auth.* settings, using the defaults: \(error)")
            current = LoginThrottlePolicy()
        }
        let ticket = state.withLock { state in
            state.throttle.policy = current
            return state.throttle.begin(ip: request.remoteAddress, account: request.throttledAccount, now: clock.now())
        }
        guard let failureReplyAt = await waitForTurn(ticket) else {
            finish(ticket, .neither)
            log.info("\(AccessLogLine.make(request, .blocked, waited: .zero, detail: "auth.block_after=\(current.blockAfter)"))")
            return .blocked
        }
        let (outcome, detail) = await check(request)
        switch outcome {
        case .success:
            finish(ticket, .success)
        case .invalidCredentials, .authorizationRefused:
            finish(ticket, .failure)
            let now = clock.now()
            if failureReplyAt > now { await clock.sleep(for: failureReplyAt - now) }
        case .serviceDisabled, .blocked, .unavailable:
            finish(ticket, .neither)
        }
        // Prometheus (`/metrics`): logins per protocol and result.
        let result = if case .success = outcome { "ok" } else { "failed" }
        Counter(label: "postino_auth_attempts_total", dimensions: [("service", request.service.rawValue), ("result", result)])
            .increment()
        let line = AccessLogLine.make(request, outcome, waited: clock.now() - ticket.start, detail: detail)
        if case .unavailable = outcome { log.error("\(line)") } else { log.info("\(line)") }
        return outcome
    }

    /// Waits until the throttle lets the attempt check its password; nil when blocked.
    private func waitForTurn(_ ticket: LoginThrottle.Ticket) async -> Duration? {
        while true {
            let now = clock.now()
            switch state.withLock({ $0.throttle.check(ticket, now: now) }) {
            case .blocked:
                return nil
            case .proceed(let failureReplyAt):
                return failureReplyAt
            case .wait(let until):
                await nap(ticket, until - now, asOf: now)
            }
        }
    }

    /// Sleeps for `duration`, or less when an attempt ahead ends without a failure.
    private func nap(_ ticket: LoginThrottle.Ticket, _ duration: Duration, asOf now: Duration) async {
        let clock = clock
        let task = Task { await clock.sleep(for: duration) }
        let id: UInt64? = state.withLock { state in
            // Checked again under the lock, so that an attempt ending meanwhile is not missed.
            guard case .wait = state.throttle.check(ticket, now: now) else { return nil }
            state.lastNap += 1
            state.naps[state.lastNap] = Nap(ip: ticket.ip, account: ticket.account, task: task)
            return state.lastNap
        }
        if id == nil { task.cancel() }
        await task.value
        if let id { state.withLock { _ = $0.naps.removeValue(forKey: id) } }
    }

    /// The attempt is over; one that did not fail wakes the attempts behind it.
    private func finish(_ ticket: LoginThrottle.Ticket, _ outcome: LoginThrottle.Outcome) {
        let woken = state.withLock { state -> [Task<Void, Never>] in
            state.throttle.finish(ticket, outcome, now: clock.now())
            guard outcome != .failure else { return [] }
            let ids = state.naps.filter { $0.value.ip == ticket.ip || $0.value.account == ticket.account }.keys
            return ids.compactMap { state.naps.removeValue(forKey: $0)?.task }
        }
        for task in woken { task.cancel() }
    }

    /// The authorization-identity rule, then the credentials.
    private func check(_ request: LoginRequest) async -> (LoginOutcome, detail: String?) {
        if let authz = request.authorizationID, authz.lowercased() != request.login.lowercased() {
            return (.authorizationRefused, nil)
        }
        switch await verifier.verify(login: request.login, password: request.password, service: request.service) {
        case .success(let user, let viaMaster): return (.success(user: user.name, viaMaster: viaMaster), nil)
        case .failure(.invalidCredentials): return (.invalidCredentials, nil)
        case .failure(.serviceDisabled(let service)): return (.serviceDisabled(service), nil)
        case .failure(.unavailable(let why)): return (.unavailable, why)
        }
    }
}
