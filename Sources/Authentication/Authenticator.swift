import Directory
import Durability
import Logging
import Synchronization

/// The one login path of SMTP AUTH, IMAP, POP3, ManageSieve (and the admin login): the
/// authorization-identity rule, the credentials (the directory's users, master user,
/// per-service switches), the throttle (`LoginThrottle`: waits growing with the recent
/// failures of the IP address and of the account, the opt-in block) and one access-log
/// line per attempt. One instance serves every service, so failures count across them.
public final class Authenticator: Sendable {
    private let verifier: any CredentialVerifier
    private let policy: @Sendable () async throws -> LoginThrottlePolicy
    private let clock: any LoginClock
    private let throttle = Mutex(LoginThrottle())
    private let log: Logger

    /// How often a waiting attempt looks again whether attempts ahead of it succeeded.
    static let recheckInterval: Duration = .milliseconds(100)

    /// `policy` is read at the start of every attempt (the settings may change while the
    /// server runs); when it cannot be read the defaults apply.
    public init(verifier: any CredentialVerifier, policy: @escaping @Sendable () async throws -> LoginThrottlePolicy,
                clock: any LoginClock = SystemLoginClock(), accessLog: Logger) {
        self.verifier = verifier
        self.policy = policy
        self.clock = clock
        self.log = accessLog
    }

    /// The server's authenticator: the directory's users and the `auth.*` settings.
    public convenience init(directory: DirectoryStore, accessLog: Logger) {
        let settings = directory.settings
        self.init(verifier: DirectoryCredentials(directory: directory),
                  policy: { try await BlockingIO.run { try LoginThrottlePolicy.load(from: settings) } },
                  accessLog: accessLog)
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
        let ticket = throttle.withLock { state in
            state.policy = current
            return state.begin(ip: request.remoteAddress, account: request.throttledAccount, now: clock.now())
        }
        guard let failureReplyAt = await waitForTurn(ticket) else {
            throttle.withLock { $0.finish(ticket, .neither, now: clock.now()) }
            log.info("\(AccessLogLine.make(request, .blocked, waited: .zero, detail: "auth.block_after=\(current.blockAfter)"))")
            return .blocked
        }
        let (outcome, detail) = await check(request)
        switch outcome {
        case .success:
            throttle.withLock { $0.finish(ticket, .success, now: clock.now()) }
        case .invalidCredentials, .authorizationRefused:
            throttle.withLock { $0.finish(ticket, .failure, now: clock.now()) }
            let now = clock.now()
            if failureReplyAt > now { await clock.sleep(for: failureReplyAt - now) }
        case .serviceDisabled, .blocked, .unavailable:
            throttle.withLock { $0.finish(ticket, .neither, now: clock.now()) }
        }
        let line = AccessLogLine.make(request, outcome, waited: clock.now() - ticket.start, detail: detail)
        if case .unavailable = outcome { log.error("\(line)") } else { log.info("\(line)") }
        return outcome
    }

    /// Waits until the throttle lets the attempt check its password; nil when blocked.
    private func waitForTurn(_ ticket: LoginThrottle.Ticket) async -> Duration? {
        while true {
            let now = clock.now()
            switch throttle.withLock({ $0.check(ticket, now: now) }) {
            case .blocked:
                return nil
            case .proceed(let failureReplyAt):
                return failureReplyAt
            case .wait(let until):
                await clock.sleep(for: min(until - now, Self.recheckInterval))
            }
        }
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
