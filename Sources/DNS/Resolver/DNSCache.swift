import Synchronization

/// What one query taught: the answer section (CNAMEs included) or the fact that the name
/// or its data does not exist.
struct CachedResponse: Sendable, Hashable {
    enum Outcome: Sendable, Hashable {
        case answer
        case nonexistentDomain
        case noData
    }

    var outcome: Outcome
    /// The answer section (for negative outcomes, any CNAMEs that led there).
    var answers: [DNSResourceRecord]
    /// The AD bit of the response.
    var authenticated: Bool

    init(outcome: Outcome, answers: [DNSResourceRecord], authenticated: Bool) {
        self.outcome = outcome
        self.answers = answers
        self.authenticated = authenticated
    }

    /// What a NOERROR or NXDOMAIN response to a query for `type` says.
    init(_ message: DNSMessage, type: DNSRecordType) {
        let outcome: Outcome
        if message.responseCode == .nameError {
            outcome = .nonexistentDomain
        } else if message.answers.contains(where: { $0.type == type || type == .any }) {
            outcome = .answer
        } else {
            outcome = .noData
        }
        self.init(outcome: outcome, answers: message.answers, authenticated: message.header.authenticData)
    }
}

/// Answers by (name, type), names compared without case, each kept for its TTL: the
/// smallest TTL of the answer records, or for NXDOMAIN and no-data the negative TTL of
/// RFC 2308 §5 (the SOA record's TTL capped by its MINIMUM field). Negative answers
/// without an SOA are not kept (RFC 2308 §5), except for the CNAMEs they carry. TTLs are capped, and the cache holds at most
/// `capacity` entries (expired first, then those closest to expiry, make room).
public final class DNSCache: Sendable {
    struct Key: Hashable, Sendable {
        var name: DNSName
        var type: DNSRecordType
    }

    struct Entry: Sendable {
        var response: CachedResponse
        var storedAt: Duration
        var expiresAt: Duration
    }

    /// A day for positive answers; three hours for negative ones (RFC 2308 §5).
    public static let maximumTTL: UInt32 = 86_400
    public static let maximumNegativeTTL: UInt32 = 10_800

    public let capacity: Int
    private let now: @Sendable () -> Duration
    private let entries = Mutex<[Key: Entry]>([:])

    /// `now` is a monotonic clock (tests pass their own); the default counts from creation.
    public init(capacity: Int = 10_000, now: (@Sendable () -> Duration)? = nil) {
        self.capacity = max(0, capacity)
        if let now {
            self.now = now
        } else {
            let origin = ContinuousClock.now
            self.now = { ContinuousClock.now - origin }
        }
    }

    public var count: Int { entries.withLock { $0.count } }

    public func removeAll() { entries.withLock { $0.removeAll() } }

    /// The cached response with TTLs lowered by the time it spent in the cache, or nil.
    func lookup(_ name: DNSName, _ type: DNSRecordType) -> CachedResponse? {
        let key = Key(name: name, type: type)
        let current = now()
        return entries.withLock { entries -> CachedResponse? in
            guard let entry = entries[key] else { return nil }
            guard entry.expiresAt > current else {
                entries[key] = nil
                return nil
            }
            let elapsed = UInt32(clamping: (current - entry.storedAt).components.seconds)
            var response = entry.response
            response.answers = response.answers.map { record in
                var aged = record
                aged.ttl = record.ttl > elapsed ? record.ttl - elapsed : 0
                return aged
            }
            return response
        }
    }

    /// Keeps what `response` (the answer to a query for `name`/`type`) teaches, for as long
    /// as its TTLs allow.
    /// Keeps what `message` (the NOERROR or NXDOMAIN answer to a query for `name`/`type`)
    /// teaches, for as long as its TTLs allow.
    func store(_ message: DNSMessage, for name: DNSName, _ type: DNSRecordType) {
        guard message.responseCode == .noError || message.responseCode == .nameError else { return }
        let response = CachedResponse(message, type: type)
        var ttl = Self.maximumTTL
        switch (response.outcome, Self.negativeTTL(message)) {
        case (.answer, _):
            break
        case (_, let negative?):
            ttl = min(negative, Self.maximumNegativeTTL)
        case (.noData, nil) where !message.answers.isEmpty:
            break  // only a CNAME chain: it is kept for its own TTL, its target asked anew
        default:
            return  // RFC 2308 §5: no SOA, no negative caching
        }
        for record in message.answers { ttl = min(ttl, record.ttl) }
        store(response, for: name, type, ttl: ttl)
    }

    func store(_ response: CachedResponse, for name: DNSName, _ type: DNSRecordType, ttl: UInt32) {
        guard ttl > 0, capacity > 0 else { return }
        let current = now()
        let entry = Entry(response: response, storedAt: current, expiresAt: current + .seconds(Int64(ttl)))
        let key = Key(name: name, type: type)
        entries.withLock { entries in
            if entries[key] == nil && entries.count >= capacity {
                entries = entries.filter { $0.value.expiresAt > current }
                if entries.count >= capacity, let soonest = entries.min(by: { $0.value.expiresAt < $1.value.expiresAt }) {
                    entries[soonest.key] = nil
                }
            }
            entries[key] = entry
        }
    }

    /// RFC 2308 §5: the TTL of the SOA in the authority section, capped by its MINIMUM.
    static func negativeTTL(_ response: DNSMessage) -> UInt32? {
        for record in response.authorities {
            if case .soa(let soa) = record.data { return min(record.ttl, soa.minimum) }
        }
        return nil
    }
}
