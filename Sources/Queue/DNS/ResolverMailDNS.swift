import DNS

/// `MailDNS` on Postino's own resolver (the DNS module): MX and address lookups with
/// caching, CNAME chasing and TCP fallback.
public struct ResolverMailDNS: MailDNS {
    let resolver: DNSResolver

    public init(resolver: DNSResolver) {
        self.resolver = resolver
    }

    public func mxRecords(for domain: String) async throws(MailDNSError) -> [MXRecord] {
        do throws(DNSError) {
            let answer = try await resolver.lookup(domain, .mx)
            return answer.records.compactMap { record -> MXRecord? in
                guard case .mx(let mx) = record.data else { return nil }
                return MXRecord(preference: Int(mx.preference), exchange: mx.exchange.withoutTrailingDot)
            }
        } catch {
            if case .noData = error { return [] }  // no MX: the domain is its own exchanger
            throw Self.translate(error)
        }
    }

    public func addresses(of host: String) async throws(MailDNSError) -> [String] {
        do throws(DNSError) {
            return try await resolver.addresses(of: host).map(\.description)
        } catch {
            throw Self.translate(error)
        }
    }

    static func translate(_ error: DNSError) -> MailDNSError {
        error.isPermanent ? .notFound(error.description) : .temporary(error.description)
    }
}
