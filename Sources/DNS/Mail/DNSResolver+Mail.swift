/// The lookups mail needs: routing (MX, A, AAAA), DKIM/SPF/DMARC (TXT), reverse DNS
/// (PTR) and DANE (TLSA).
extension DNSResolver {
    /// Where mail for `domain` goes: its MX hosts in order, a null MX, or the domain
    /// itself when it has no MX records (RFC 5321 §5.1). NXDOMAIN and temporary failures
    /// are thrown: the first means bounce, the others retry later.
    public func mailExchangers(for domain: DNSName) async throws(DNSError) -> MailRoute {
        do throws(DNSError) {
            let answer = try await lookup(domain, .mx)
            let records = answer.records.compactMap { record -> MXRecord? in
                if case .mx(let mx) = record.data { return mx }
                return nil
            }
            return MailRoute.from(domain: domain, records: records)
        } catch {
            if case .noData = error { return .implicit(domain) }
            throw error
        }
    }

    public func mailExchangers(for domain: String) async throws(DNSError) -> MailRoute {
        try await mailExchangers(for: try Self.name(domain))
    }

    /// The A then AAAA addresses of `host`, looked up together. One family failing is
    /// fine when the other has addresses; with none, a temporary failure of either lookup
    /// wins over "does not exist", so that mail is retried rather than bounced.
    public func addresses(of host: DNSName) async throws(DNSError) -> [IPAddress] {
        async let v4 = result(of: host, .a)
        async let v6 = result(of: host, .aaaa)
        let results = await [v4, v6]
        var addresses: [IPAddress] = []
        var errors: [DNSError] = []
        for result in results {
            switch result {
            case .success(let answer):
                for record in answer.records {
                    switch record.data {
                    case .a(let address): addresses.append(.v4(address))
                    case .aaaa(let address): addresses.append(.v6(address))
                    default: break
                    }
                }
            case .failure(let error):
                errors.append(error)
            }
        }
        if !addresses.isEmpty { return addresses }
        if let temporary = errors.first(where: \.isTemporary) { throw temporary }
        if let missing = errors.first(where: { if case .nonexistentDomain = $0 { return true } else { return false } }) {
            throw missing
        }
        throw .noData(host, .a)
    }

    public func addresses(of host: String) async throws(DNSError) -> [IPAddress] {
        try await addresses(of: try Self.name(host))
    }

    /// The TXT records at `name` (each with its character-strings and their
    /// concatenation).
    public func txt(_ name: DNSName) async throws(DNSError) -> [TXTRecord] {
        try await lookup(name, .txt).records.compactMap { record in
            if case .txt(let txt) = record.data { return txt }
            return nil
        }
    }

    public func txt(_ name: String) async throws(DNSError) -> [TXTRecord] {
        try await txt(try Self.name(name))
    }

    /// The names of `address` (PTR records under in-addr.arpa or ip6.arpa).
    public func ptr(for address: IPAddress) async throws(DNSError) -> [DNSName] {
        try await lookup(address.reverseLookupName, .ptr).records.compactMap { record in
            if case .ptr(let name) = record.data { return name }
            return nil
        }
    }

    /// The TLSA records of a service, `_PORT._PROTO.HOST` (RFC 6698 §3), and whether the
    /// resolver vouched for them with the AD bit. DANE must ignore records that are not
    /// authenticated (RFC 7672 §2.2).
    public func tlsa(port: Int, host: DNSName, transport: String = "tcp") async throws(DNSError) -> (records: [TLSARecord], authenticated: Bool) {
        guard (0...65_535).contains(port), let name = host.prepending("_\(transport)")?.prepending("_\(port)") else {
            throw .invalidName("_\(port)._\(transport).\(host)")
        }
        let answer = try await lookup(name, .tlsa)
        let records = answer.records.compactMap { record -> TLSARecord? in
            if case .tlsa(let tlsa) = record.data { return tlsa }
            return nil
        }
        return (records, answer.authenticated)
    }

    private func result(of name: DNSName, _ type: DNSRecordType) async -> Result<DNSAnswer, DNSError> {
        do throws(DNSError) {
            return .success(try await lookup(name, type))
        } catch {
            return .failure(error)
        }
    }
}
