import Directory

/// The numbers of the login throttle (settings `auth.*`): the wait before a login is
/// answered grows with the recent failures from its IP address and against its account,
/// from `initialPenalty` doubling up to `maxPenalty` (as Dovecot's auth penalty does), and
/// failures are forgotten after `forgetAfter` without another one. `blockAfter` (0 = off)
/// refuses every login from an IP address with that many recent failures.
public struct LoginThrottlePolicy: Sendable, Hashable {
    public var initialPenalty: Duration
    public var maxPenalty: Duration
    public var forgetAfter: Duration
    public var blockAfter: Int

    public init(initialPenalty: Duration = .seconds(1), maxPenalty: Duration = .seconds(15),
                forgetAfter: Duration = .seconds(15 * 60), blockAfter: Int = 0) {
        self.initialPenalty = initialPenalty
        self.maxPenalty = maxPenalty
        self.forgetAfter = forgetAfter
        self.blockAfter = blockAfter
    }

    /// The policy the administrator set.
    public static func load(from settings: SettingsStore) throws(DirectoryError) -> LoginThrottlePolicy {
        LoginThrottlePolicy(initialPenalty: try settings.duration(.authPenaltyInitial),
                            maxPenalty: try settings.duration(.authPenaltyMax),
                            forgetAfter: try settings.duration(.authPenaltyForget),
                            blockAfter: try settings.int(.authBlockAfter))
    }

    /// The wait for `level` failures and attempts ahead: none at 0, then the initial
    /// penalty, doubled for each further one, at most `maxPenalty`.
    public func penalty(level: Int) -> Duration {
        guard level > 0, initialPenalty > .zero else { return .zero }
        let ceiling = max(initialPenalty, maxPenalty)
        var delay = initialPenalty
        for _ in 1..<level where delay < ceiling { delay *= 2 }
        return min(delay, ceiling)
    }
}
