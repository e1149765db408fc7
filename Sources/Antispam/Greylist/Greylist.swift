import Foundation

/// Greylisting (SPEC 8): the first delivery attempt of an unknown (client network,
/// sender, recipient) triple is deferred with `451 4.7.1`; a retry after `delay` and
/// within `retryWindow` passes, and a triple that passed is let through at once for
/// `passedLifetime` after it was last seen. The caller decides *whether* to greylist
/// (score above `filter.spam.greylist`, client not authenticated, not trusted, not allowed
/// by a rule, not connector mail); this type decides *what happens* and remembers it.
public struct Greylist: Sendable {
    public let store: any GreylistStore
    public var policy: GreylistPolicy

    public init(store: any GreylistStore, policy: GreylistPolicy = GreylistPolicy()) {
        self.store = store
        self.policy = policy
    }

    /// The decision for one attempt at `now`, recorded durably before it is returned.
    public func check(_ key: GreylistKey, now: Date = Date()) async throws(GreylistStoreError) -> GreylistDecision {
        let decision: GreylistDecision
        let record: GreylistRecord
        switch try await store.record(for: key) {
        case nil:
            record = GreylistRecord(firstSeen: now, passedAt: nil, lastSeen: now)
            decision = .defer(retryAfter: policy.delay)
        case let .some(known):
            if let passed = known.passedAt, now.timeIntervalSince(known.lastSeen) <= policy.passedLifetime {
                record = GreylistRecord(firstSeen: known.firstSeen, passedAt: passed, lastSeen: now)
                decision = .pass(.known)
            } else if known.passedAt == nil, now.timeIntervalSince(known.firstSeen) < policy.delay {
                record = GreylistRecord(firstSeen: known.firstSeen, passedAt: nil, lastSeen: now)
                decision = .defer(retryAfter: policy.delay - now.timeIntervalSince(known.firstSeen))
            } else if known.passedAt == nil, now.timeIntervalSince(known.firstSeen) <= policy.retryWindow {
                record = GreylistRecord(firstSeen: known.firstSeen, passedAt: now, lastSeen: now)
                decision = .pass(.retried)
            } else {
                // Too late a retry, or a pass forgotten: start again.
                record = GreylistRecord(firstSeen: now, passedAt: nil, lastSeen: now)
                decision = .defer(retryAfter: policy.delay)
            }
        }
        try await store.save(record, for: key)
        return decision
    }

    /// Forgets triples that can no longer pass or be recognised (run daily).
    public func purge(now: Date = Date()) async throws(GreylistStoreError) -> Int {
        try await store.purge(unpassedBefore: now.addingTimeInterval(-policy.retryWindow),
                              passedBefore: now.addingTimeInterval(-policy.passedLifetime))
    }
}

public struct GreylistPolicy: Sendable, Hashable {
    /// How long a retry must wait (`filter.greylist.delay`, default 5 minutes).
    public var delay: TimeInterval
    /// How long after the first attempt a retry still counts (24 hours).
    public var retryWindow: TimeInterval
    /// How long a triple that passed is remembered after it was last seen (36 days).
    public var passedLifetime: TimeInterval

    public init(delay: TimeInterval = 300, retryWindow: TimeInterval = 86_400, passedLifetime: TimeInterval = 36 * 86_400) {
        self.delay = delay
        self.retryWindow = retryWindow
        self.passedLifetime = passedLifetime
    }
}

public enum GreylistDecision: Sendable, Hashable {
    public enum PassReason: String, Sendable { case known, retried }
    case pass(PassReason)
    /// Answer `451 4.7.1 Greylisted, please try again later`.
    case `defer`(retryAfter: TimeInterval)

    public var passes: Bool { if case .pass = self { return true } else { return false } }
}

/// The greylisting key: the client's network (IPv4 /24, IPv6 /64, so a sender's pool of
/// outbound servers counts as one), the envelope sender and the recipient, lower case.
public struct GreylistKey: Sendable, Hashable {
    public var network: String
    public var sender: String
    public var recipient: String

    public init(clientAddress: String, sender: String, recipient: String) {
        network = Self.network(of: clientAddress)
        self.sender = sender.lowercased()
        self.recipient = recipient.lowercased()
    }

    /// `192.0.2.77` → `192.0.2.0/24`; `2001:db8:1:2:3::4` → `2001:db8:1:2::/64`.
    public static func network(of address: String) -> String {
        if let v4 = IPAddressText.ipv4(address) { return "\(v4[0]).\(v4[1]).\(v4[2]).0/24" }
        if let v6 = IPAddressText.ipv6(address) {
            let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(v6[$0]) << 8 | UInt16(v6[$0 + 1]), radix: 16) }
            return groups.joined(separator: ":") + "::/64"
        }
        return address.lowercased()
    }
}

public struct GreylistRecord: Sendable, Hashable {
    public var firstSeen: Date
    public var passedAt: Date?
    public var lastSeen: Date
    public init(firstSeen: Date, passedAt: Date?, lastSeen: Date) {
        self.firstSeen = firstSeen
        self.passedAt = passedAt
        self.lastSeen = lastSeen
    }
}

public enum GreylistStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case storage(String)
    public var description: String {
        switch self { case let .storage(message): return "greylist storage: \(message)" }
    }
}

/// Where greylisting remembers triples (durably: `SQLiteGreylistStore` in AntispamStore).
public protocol GreylistStore: Sendable {
    func record(for key: GreylistKey) async throws(GreylistStoreError) -> GreylistRecord?
    func save(_ record: GreylistRecord, for key: GreylistKey) async throws(GreylistStoreError)
    /// Removes unpassed triples first seen before the first date and passed ones last
    /// seen before the second; returns how many went.
    func purge(unpassedBefore: Date, passedBefore: Date) async throws(GreylistStoreError) -> Int
}

public actor InMemoryGreylistStore: GreylistStore {
    private var records: [GreylistKey: GreylistRecord] = [:]
    public init() {}
    public func record(for key: GreylistKey) -> GreylistRecord? { records[key] }
    public func save(_ record: GreylistRecord, for key: GreylistKey) { records[key] = record }
    public func purge(unpassedBefore: Date, passedBefore: Date) -> Int {
        let before = records.count
        records = records.filter { _, r in r.passedAt == nil ? r.firstSeen >= unpassedBefore : r.lastSeen >= passedBefore }
        return before - records.count
    }
}
