/// The state of the login throttle (pure: the caller gives the time). Per client IP
/// address and per account it keeps the recent failures and the attempts in flight.
///
/// An attempt counts from the moment it starts: its level is the recent failures of its IP
/// address (or of its account, whichever is more) plus the attempts of the same IP address
/// (or account) that started before it and are still in flight. It may check the password
/// `policy.penalty(level)` after it started, and a wrong password is answered
/// `policy.penalty(level + 1)` after it started — so every failure is slowed down, and
/// parallel attempts are spread out. An attempt ahead that succeeds leaves the count
/// without adding a failure, so the attempts behind it go on sooner (a client opening
/// several connections at once is barely slowed). Nothing ever refuses a correct password,
/// except the opt-in `blockAfter`.
///
/// A success forgets the account's failures, and those the IP address made against that
/// account (not those against other accounts: logging in to one's own account does not
/// clear guesses at others). Failures are forgotten `policy.forgetAfter` after the last one.
public struct LoginThrottle: Sendable {
    public var policy: LoginThrottlePolicy
    private var ips: [String: Record] = [:]
    private var accounts: [String: Record] = [:]
    private var nextID: UInt64 = 0

    /// Beyond this many records of either kind, forgotten ones are swept.
    static let sweepThreshold = 10_000

    public init(policy: LoginThrottlePolicy = LoginThrottlePolicy()) {
        self.policy = policy
    }

    /// One attempt, from `begin` to `finish`.
    public struct Ticket: Sendable, Hashable {
        let id: UInt64
        public let ip: String
        public let account: String
        public let start: Duration
    }

    public enum Decision: Sendable, Hashable {
        /// Not yet: ask again at `until` (or sooner: attempts ahead may succeed).
        case wait(until: Duration)
        /// Check the password now; answer a wrong one no earlier than `failureReplyAt`.
        case proceed(failureReplyAt: Duration)
        /// The IP address has `blockAfter` recent failures: refuse without checking.
        case blocked
    }

    public enum Outcome: Sendable, Hashable {
        case success
        case failure
        /// Neither (the directory was unavailable, the service is off for the user, refused
        /// without checking): the attempt only stops being in flight.
        case neither
    }

    /// A new attempt: in flight from now on.
    public mutating func begin(ip: String, account: String, now: Duration) -> Ticket {
        nextID += 1
        let ticket = Ticket(id: nextID, ip: ip, account: account, start: now)
        ips[ip, default: Record()].inFlight.append(ticket.id)
        accounts[account, default: Record()].inFlight.append(ticket.id)
        if ips.count > Self.sweepThreshold || accounts.count > Self.sweepThreshold { sweep(now) }
        return ticket
    }

    /// What the attempt may do now.
    public mutating func check(_ ticket: Ticket, now: Duration) -> Decision {
        let ip = current(\.ips, ticket.ip, now), account = current(\.accounts, ticket.account, now)
        if policy.blockAfter > 0, ip.failureCount >= policy.blockAfter { return .blocked }
        let level = max(ip.failureCount + ip.inFlight(before: ticket.id),
                        account.failureCount + account.inFlight(before: ticket.id))
        let verifyAt = ticket.start + policy.penalty(level: level)
        guard now >= verifyAt else { return .wait(until: verifyAt) }
        return .proceed(failureReplyAt: ticket.start + policy.penalty(level: level + 1))
    }

    /// The attempt is over.
    public mutating func finish(_ ticket: Ticket, _ outcome: Outcome, now: Duration) {
        var ip = current(\.ips, ticket.ip, now), account = current(\.accounts, ticket.account, now)
        ip.leave(ticket.id)
        account.leave(ticket.id)
        switch outcome {
        case .failure:
            ip.addFailure(against: ticket.account, now)
            account.addFailure(against: "", now)
        case .success:
            ip.failures[ticket.account] = nil
            account.failures = [:]
        case .neither:
            break
        }
        ips[ticket.ip] = ip.isEmpty ? nil : ip
        accounts[ticket.account] = account.isEmpty ? nil : account
    }

    /// Recent failures from `ip` (for tests and the log).
    public func failures(ip: String, now: Duration) -> Int {
        ips[ip].map { $0.forgotten(now, policy.forgetAfter) ? 0 : $0.failureCount } ?? 0
    }

    /// Recent failures against `account`.
    public func failures(account: String, now: Duration) -> Int {
        accounts[account].map { $0.forgotten(now, policy.forgetAfter) ? 0 : $0.failureCount } ?? 0
    }

    // MARK: Records

    struct Record: Sendable {
        /// For an IP address: failures per account; for an account: one entry.
        var failures: [String: Int] = [:]
        var lastFailure: Duration = .zero
        /// Tickets in flight, ascending.
        var inFlight: [UInt64] = []

        /// An IP address guessing at more accounts than this has the rest in one entry.
        static let accountsPerIP = 100
        static let overflow = "\u{0}"

        var failureCount: Int { failures.values.reduce(0, +) }
        var isEmpty: Bool { failures.isEmpty && inFlight.isEmpty }

        func forgotten(_ now: Duration, _ after: Duration) -> Bool {
            !failures.isEmpty && now - lastFailure >= after
        }

        func inFlight(before id: UInt64) -> Int {
            var low = 0, high = inFlight.count
            while low < high {
                let middle = (low + high) / 2
                if inFlight[middle] < id { low = middle + 1 } else { high = middle }
            }
            return low
        }

        mutating func leave(_ id: UInt64) {
            let index = inFlight(before: id)
            if index < inFlight.count, inFlight[index] == id { inFlight.remove(at: index) }
        }

        mutating func addFailure(against account: String, _ now: Duration) {
            let key = failures[account] != nil || failures.count < Self.accountsPerIP ? account : Self.overflow
            failures[key, default: 0] += 1
            lastFailure = now
        }
    }

    /// The record with its failures forgotten when the last one is old enough.
    private mutating func current(_ table: WritableKeyPath<LoginThrottle, [String: Record]>, _ key: String,
                                  _ now: Duration) -> Record {
        var record = self[keyPath: table][key] ?? Record()
        if record.forgotten(now, policy.forgetAfter) {
            record.failures = [:]
            self[keyPath: table][key] = record.isEmpty ? nil : record
        }
        return record
    }

    private mutating func sweep(_ now: Duration) {
        let after = policy.forgetAfter
        func keep(_ record: Record) -> Record? {
            var record = record
            if record.forgotten(now, after) { record.failures = [:] }
            return record.isEmpty ? nil : record
        }
        ips = ips.compactMapValues(keep)
        accounts = accounts.compactMapValues(keep)
    }
}
