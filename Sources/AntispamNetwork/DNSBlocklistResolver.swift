import Antispam
import DNS

/// Blocklist queries through Postino's DNS resolver (its cache, timeouts, TCP fallback):
///
///     let checker = BlocklistChecker(resolver: DNSBlocklistResolver(resolver), clientLists: …, uriLists: …)
///
/// NXDOMAIN and no-data answers are "not listed" ([]); other failures throw (the checker
/// then counts the list as not listed and does not cache).
public struct DNSBlocklistResolver: BlocklistResolver {
    public let resolver: DNSResolver

    public init(_ resolver: DNSResolver) { self.resolver = resolver }

    public func ipv4Addresses(of name: String) async throws -> [String] {
        let answer: DNSAnswer
        do {
            answer = try await resolver.lookup(name, .a)
        } catch {
            if error.isPermanent { return [] }
            throw error
        }
        var addresses: [String] = []
        for record in answer.records {
            if case let .a(address) = record.data { addresses.append(address.description) }
        }
        return addresses
    }
}
