/// A stub resolver: asks the configured recursive nameservers, over UDP with TCP when the
/// answer is truncated, follows CNAMEs and caches answers for their TTL.
///
/// Every lookup either returns records or throws a `DNSError` that says whether the
/// failure is permanent (`isPermanent`: NXDOMAIN, no data) or temporary.
public final class DNSResolver: Sendable {
    public let configuration: ResolverConfiguration
    public let cache: DNSCache
    private let transport: any DNSTransport

    public init(configuration: ResolverConfiguration, transport: any DNSTransport = NIODNSTransport(),
                cache: DNSCache = DNSCache()) {
        self.configuration = configuration
        self.transport = transport
        self.cache = cache
    }

    /// The records of `type` at `name`. CNAMEs are followed in the answer section, then by
    /// asking for the chain's last name (RFC 1034 §3.6.2), at most
    /// `maximumCNAMEChain` of them and never the same name twice.
    public func lookup(_ name: DNSName, _ type: DNSRecordType) async throws(DNSError) -> DNSAnswer {
        var current = name
        var seen: Set<DNSName> = [name]
        var aliases: [DNSResourceRecord] = []
        var authenticated = true
        for _ in 0...configuration.maximumCNAMEChain {
            let response = try await cachedQuery(current, type)
            authenticated = authenticated && response.authenticated
            var owner = current
            while true {
                let records = response.answers.filter { $0.name == owner && $0.type == type }
                if !records.isEmpty {
                    return DNSAnswer(name: name, type: type, canonicalName: owner, aliases: aliases,
                                     records: records, authenticated: authenticated)
                }
                guard type != .cname,
                      let alias = response.answers.first(where: { $0.name == owner && $0.type == .cname }),
                      case .cname(let target) = alias.data else { break }
                guard aliases.count < configuration.maximumCNAMEChain, seen.insert(target).inserted else {
                    throw .cnameChain(name)
                }
                aliases.append(alias)
                owner = target
            }
            switch response.outcome {
            case .nonexistentDomain:
                // RFC 6604 §3: after a CNAME the RCODE speaks of the chain's last name.
                throw .nonexistentDomain(owner)
            case .noData, .answer:
                guard owner != current else { throw .noData(owner, type) }
                current = owner
            }
        }
        throw .cnameChain(name)
    }

    /// `lookup` for a name in text form.
    public func lookup(_ name: String, _ type: DNSRecordType) async throws(DNSError) -> DNSAnswer {
        try await lookup(try Self.name(name), type)
    }

    /// Parses a name given by a caller, as a `DNSError`.
    public static func name(_ text: String) throws(DNSError) -> DNSName {
        guard let name = DNSName(text), !name.isRoot || text == "." else { throw .invalidName(text) }
        return name
    }

    private func cachedQuery(_ name: DNSName, _ type: DNSRecordType) async throws(DNSError) -> CachedResponse {
        if let hit = cache.lookup(name, type) { return hit }
        let message = try await query(name, type)
        cache.store(message, for: name, type)
        return CachedResponse(message, type: type)
    }

    /// Asks the nameservers once (no cache, no CNAME following) and returns the first
    /// NOERROR or NXDOMAIN response. Each of `attempts` rounds tries every server in turn.
    public func query(_ name: DNSName, _ type: DNSRecordType) async throws(DNSError) -> DNSMessage {
        guard !configuration.nameservers.isEmpty else { throw .network("no nameservers configured") }
        var failures = FailureSummary()
        for _ in 0..<configuration.attempts {
            for server in configuration.nameservers {
                do throws(DNSError) {
                    return try await exchange(name, type, with: server)
                } catch {
                    failures.record(error)
                }
            }
        }
        throw failures.mostInformative
    }

    /// One server: UDP, then TCP if the answer was truncated (RFC 7766 §5); without EDNS0
    /// if the server does not understand it (RFC 6891 §7).
    private func exchange(_ name: DNSName, _ type: DNSRecordType, with server: NameserverAddress) async throws(DNSError) -> DNSMessage {
        var payloadSize: UInt16? = configuration.udpPayloadSize
        while true {
            let query = DNSMessage.query(id: UInt16.random(in: 0...UInt16.max), name: name, type: type,
                                         udpPayloadSize: payloadSize)
            var response = try await send(query, to: server, over: .udp)
            if response.header.truncated {
                response = try await send(query, to: server, over: .tcp)
            }
            guard ResponseValidation.answers(response, query: query) else {
                throw .malformedResponse("answer does not match the question")
            }
            switch response.responseCode {
            case .noError, .nameError:
                return response
            case .formatError where payloadSize != nil:
                payloadSize = nil
            default:
                throw .serverFailure(response.responseCode)
            }
        }
    }

    private func send(_ query: DNSMessage, to server: NameserverAddress,
                      over protocol: DNSTransportProtocol) async throws(DNSError) -> DNSMessage {
        do throws(DNSTransportError) {
            return try await transport.exchange(query, with: server, over: `protocol`, timeout: configuration.timeout)
        } catch {
            switch error {
            case .timeout: throw .timeout
            case .malformed(let reason): throw .malformedResponse(reason)
            case .unreachable(let reason): throw .network("\(server) over \(`protocol`): \(reason)")
            }
        }
    }
}

/// Keeps the failure that says most about why no server answered: an explicit error code
/// beats a garbled answer, which beats a network error, which beats silence.
struct FailureSummary {
    private(set) var mostInformative: DNSError = .timeout

    mutating func record(_ error: DNSError) {
        if Self.rank(error) >= Self.rank(mostInformative) { mostInformative = error }
    }

    private static func rank(_ error: DNSError) -> Int {
        switch error {
        case .serverFailure: return 4
        case .malformedResponse: return 3
        case .network: return 2
        case .timeout: return 1
        default: return 0
        }
    }
}
