import Foundation

/// Answers of the DNS for blocklist queries. `DNSBlocklistResolver` (AntispamNetwork)
/// adapts the DNS module's resolver; tests use their own.
public protocol BlocklistResolver: Sendable {
    /// The IPv4 addresses of `name` ([] for NXDOMAIN / no data); throws on failure.
    func ipv4Addresses(of name: String) async throws -> [String]
}

/// DNSBL lookups of the client address and URIBL lookups of the domains in a message's
/// URLs: every list queried concurrently, answers cached (positive and negative, for
/// `cacheTTL`), the whole check bounded by `timeout` (a slow list counts as not listed),
/// return codes honoured per list, 127.255.255.x answers (refused: public resolver,
/// quota) treated as no listing and reported once per list through `log`. Loopback and
/// private addresses are never looked up; the caller leaves out trusted networks.
public actor BlocklistChecker {
    public let resolver: any BlocklistResolver
    public let clientLists: [BlocklistZone]
    public let uriLists: [BlocklistZone]
    public let timeout: Duration
    public let cacheTTL: TimeInterval
    private let log: @Sendable (String) -> Void
    private var cache: [String: (answers: [String], expires: Date)] = [:]
    private var reportedPolicyZones: Set<String> = []

    public init(resolver: any BlocklistResolver, clientLists: [BlocklistZone], uriLists: [BlocklistZone],
                timeout: Duration = .seconds(2), cacheTTL: TimeInterval = 600, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.resolver = resolver
        self.clientLists = clientLists
        self.uriLists = uriLists
        self.timeout = timeout
        self.cacheTTL = cacheTTL
        self.log = log
    }

    /// `RBL_LISTED` symbols (one per list that lists the address).
    public func checkClient(address: String) async -> [ExternalSymbol] {
        guard !IPAddressText.isPrivate(address), let reversed = IPAddressText.reversed(address) else { return [] }
        let queries = clientLists.map { (zone: $0, name: reversed + "." + $0.zone, subject: address) }
        return await run(queries, symbol: "RBL_LISTED")
    }

    /// `URIBL_LISTED` symbols for the registered domains (and IP hosts) of the URLs, at
    /// most `limit` distinct ones.
    public func checkURIs(_ urls: [String], limit: Int = 20) async -> [ExternalSymbol] {
        var subjects: [String] = []
        for url in urls {
            guard let host = URLScanner.host(of: url), let subject = Self.registeredDomain(host) else { continue }
            if !subjects.contains(subject) { subjects.append(subject) }
            if subjects.count >= limit { break }
        }
        var queries: [(zone: BlocklistZone, name: String, subject: String)] = []
        for subject in subjects {
            let label: String
            if IPAddressText.ipv4(subject) != nil {
                guard !IPAddressText.isPrivate(subject), let reversed = IPAddressText.reversed(subject) else { continue }
                label = reversed
            } else {
                label = subject
            }
            for zone in uriLists { queries.append((zone, label + "." + zone.zone, subject)) }
        }
        return await run(queries, symbol: "URIBL_LISTED")
    }

    private func run(_ queries: [(zone: BlocklistZone, name: String, subject: String)], symbol: String) async -> [ExternalSymbol] {
        guard !queries.isEmpty else { return [] }
        var results: [Int: [String]] = [:]
        var pending: [(Int, String)] = []
        let now = Date()
        for (index, query) in queries.enumerated() {
            if let cached = cache[query.name], cached.expires > now { results[index] = cached.answers } else { pending.append((index, query.name)) }
        }
        if !pending.isEmpty {
            let resolver = self.resolver
            let timeout = self.timeout
            // Unstructured lookups: at the deadline the answer goes out without waiting
            // for a resolver that does not react to cancellation.
            let gather = Gatherer(expected: pending.count)
            for (index, name) in pending {
                Task {
                    let answers = try? await resolver.ipv4Addresses(of: name)
                    gather.add((index, name, answers))
                }
            }
            Task {
                try? await Task.sleep(for: timeout)
                gather.finish()
            }
            let fetched = await gather.results()
            for (index, name, answers) in fetched {
                guard let answers else { continue }   // failures are not cached
                cache[name] = (answers, now.addingTimeInterval(cacheTTL))
                results[index] = answers
            }
        }
        var symbols: [ExternalSymbol] = []
        for (index, query) in queries.enumerated() {
            guard let answers = results[index] else { continue }
            if answers.contains(where: BlocklistZone.isPolicyAnswer), !reportedPolicyZones.contains(query.zone.zone) {
                reportedPolicyZones.insert(query.zone.zone)
                log("blocklist \(query.zone.zone) refuses to answer (\(answers.joined(separator: ","))): treated as not listed; use another resolver")
            }
            if let hit = answers.first(where: query.zone.isListing) {
                symbols.append(ExternalSymbol(name: symbol, detail: "\(query.subject) in \(query.zone.zone) (\(hit))", weight: query.zone.weight))
            }
        }
        return symbols
    }

    /// The part of a host name a URI blocklist knows: the last two labels, three under
    /// common second-level registries (`example.co.uk`); IP addresses as they are.
    static func registeredDomain(_ host: String) -> String? {
        let host = host.lowercased().trimming(".")
        if IPAddressText.ipv4(host) != nil { return host }
        let labels = host.split(separator: ".")
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return nil }
        let secondLevel: Set<String> = ["co", "com", "net", "org", "ac", "gov", "edu", "ne", "or", "go"]
        if labels.count >= 3, labels.last!.count == 2, secondLevel.contains(String(labels[labels.count - 2])) {
            return labels.suffix(3).joined(separator: ".")
        }
        return labels.suffix(2).joined(separator: ".")
    }
}

/// Collects lookup results until all arrived or the deadline passed, whichever is first.
final class Gatherer: @unchecked Sendable {
    typealias Result = (Int, String, [String]?)
    private let lock = NSLock()
    private let expected: Int
    private var collected: [Result] = []
    private var done = false
    private var waiter: CheckedContinuation<[Result], Never>?

    init(expected: Int) { self.expected = expected }

    func add(_ result: Result) {
        lock.lock()
        guard !done else { lock.unlock(); return }
        collected.append(result)
        let complete = collected.count >= expected
        lock.unlock()
        if complete { finish() }
    }

    func finish() {
        lock.lock()
        guard !done else { lock.unlock(); return }
        done = true
        let continuation = waiter
        waiter = nil
        let results = collected
        lock.unlock()
        continuation?.resume(returning: results)
    }

    func results() async -> [Result] {
        await withCheckedContinuation { continuation in
            lock.lock()
            if done {
                let results = collected
                lock.unlock()
                continuation.resume(returning: results)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}
