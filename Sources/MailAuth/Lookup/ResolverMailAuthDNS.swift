import DNS

/// `MailAuthDNS` over the stub resolver of the `DNS` module (its cache included).
public struct ResolverMailAuthDNS: MailAuthDNS {
    public let resolver: DNSResolver

    public init(resolver: DNSResolver) { self.resolver = resolver }

    public func query(_ name: String, _ type: DNSRecordType) async -> MailAuthDNSAnswer {
        // A name that cannot be put in a query cannot exist either.
        guard let dnsName = DNSName(name), !dnsName.isRoot else { return .nonexistentDomain }
        do throws(DNSError) {
            let answer = try await resolver.lookup(dnsName, type)
            return .records(answer.records.map(\.data))
        } catch {
            switch error {
            case .nonexistentDomain: return .nonexistentDomain
            case .noData: return .noData
            case .invalidName: return .nonexistentDomain
            default: return .temporaryFailure(error.description)
            }
        }
    }
}
