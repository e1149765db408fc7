import Synchronization

/// Per-client-IP admission for one listener (issue 23, finding 3), as Postfix's anvil:
/// at most `perIP` connections open at once and `ratePerMinute` new ones per minute from
/// one address, and every listener together below the process's `ConnectionBudget`.
/// Exempt clients (`smtp.trusted_networks`, like Postfix's mynetworks) skip the per-IP
/// limits, never the budget: that one protects the descriptors everyone needs.
///
/// The rate is a token bucket per address: `ratePerMinute` tokens, refilled continuously
/// (one every 60/rate seconds), one spent per admitted connection; a refused connection
/// spends none. Addresses with nothing open and a full bucket are forgotten, so memory
/// follows the active clients, not every address ever seen.
public final class ConnectionLimiter: Sendable {
    public enum Refusal: Sendable, Equatable, CustomStringConvertible {
        case concurrent(limit: Int)
        case rate(perMinute: Int)
        case overall(limit: Int)

        public var description: String {
            switch self {
            case .concurrent(let limit): return "too many connections from this address (limit \(limit))"
            case .rate(let perMinute): return "connection rate limit exceeded (\(perMinute) per minute from this address)"
            case .overall(let limit): return "too many connections in all (limit \(limit), from the descriptor limit)"
            }
        }
    }

    /// 0 = no limit.
    public let perIP: Int
    /// New connections per minute; 0 = no limit.
    public let ratePerMinute: Int
    public let budget: ConnectionBudget

    private struct Client {
        var open = 0
        var tokens: Double
        var refilledAt: Double
    }
    private let clients = Mutex<[String: Client]>([:])

    public init(perIP: Int, ratePerMinute: Int, budget: ConnectionBudget) {
        self.perIP = max(0, perIP)
        self.ratePerMinute = max(0, ratePerMinute)
        self.budget = budget
    }

    /// Admits a new connection from `address` at `now` (seconds, any monotonic origin), or
    /// says why not. An admitted connection must be `release`d exactly once.
    public func admit(_ address: String, exempt: Bool, now: Double) -> Refusal? {
        if !exempt, let refusal = admitClient(address, now: now) { return refusal }
        guard budget.take() else {
            if !exempt { release(client: address, now: now) }
            return .overall(limit: budget.limit)
        }
        return nil
    }

    /// The connection admitted for `address` has closed.
    public func release(_ address: String, exempt: Bool, now: Double) {
        budget.give()
        if !exempt { release(client: address, now: now) }
    }

    /// Addresses currently tracked (tests, diagnostics).
    public var trackedAddresses: Int { clients.withLock { $0.count } }

    private func admitClient(_ address: String, now: Double) -> Refusal? {
        clients.withLock { clients in
            var client = clients[address] ?? Client(tokens: Double(ratePerMinute), refilledAt: now)
            refill(&client, now: now)
            if perIP > 0, client.open >= perIP { return .concurrent(limit: perIP) }
            if ratePerMinute > 0 {
                guard client.tokens >= 1 else {
                    clients[address] = client
                    return .rate(perMinute: ratePerMinute)
                }
                client.tokens -= 1
            }
            client.open += 1
            clients[address] = client
            if clients.count > 4096 { prune(&clients, now: now) }
            return nil
        }
    }

    private func release(client address: String, now: Double) {
        clients.withLock { clients in
            guard var client = clients[address] else { return }
            client.open = max(0, client.open - 1)
            refill(&client, now: now)
            clients[address] = isIdle(client) ? nil : client
        }
    }

    private func refill(_ client: inout Client, now: Double) {
        guard ratePerMinute > 0 else { return }
        let elapsed = max(0, now - client.refilledAt)
        client.tokens = min(Double(ratePerMinute), client.tokens + elapsed * Double(ratePerMinute) / 60)
        client.refilledAt = now
    }

    private func isIdle(_ client: Client) -> Bool {
        client.open == 0 && (ratePerMinute == 0 || client.tokens >= Double(ratePerMinute))
    }

    private func prune(_ clients: inout [String: Client], now: Double) {
        for (address, var client) in clients {
            refill(&client, now: now)
            if isIdle(client) { clients[address] = nil } else { clients[address] = client }
        }
    }
}

/// Connections open in the whole process, against a cap derived from the descriptor
/// limit (`DescriptorLimit`), shared by every listener.
public final class ConnectionBudget: Sendable {
    public let limit: Int
    private let open = Mutex(0)

    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    public var count: Int { open.withLock { $0 } }

    func take() -> Bool {
        open.withLock { open in
            guard open < limit else { return false }
            open += 1
            return true
        }
    }

    func give() {
        open.withLock { $0 = max(0, $0 - 1) }
    }
}
