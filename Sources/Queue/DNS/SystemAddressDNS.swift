import Durability
#if canImport(Glibc)
import Glibc
#endif

/// A stand-in `MailDNS` on the system resolver (getaddrinfo): addresses only, no MX
/// records, so every domain is treated as its own mail exchanger. Used when no DNS
/// resolver is configured.
public struct SystemAddressDNS: MailDNS {
    public init() {}

    public func mxRecords(for domain: String) async throws(MailDNSError) -> [MXRecord] { [] }

    public func addresses(of host: String) async throws(MailDNSError) -> [String] {
        let result: Result<[String], MailDNSError>
        do {
            result = try await BlockingIO.run { Self.lookup(host) }
        } catch {
            throw .temporary("lookup of \(host) failed: \(error)")
        }
        return try result.get()
    }

    private static func lookup(_ host: String) -> Result<[String], MailDNSError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let first = list else {
            if status == EAI_NONAME || status == EAI_NODATA {
                return .failure(.notFound("\(host): host not found"))
            }
            return .failure(.temporary("\(host): lookup failed (\(String(cString: gai_strerror(status))))"))
        }
        defer { freeaddrinfo(first) }
        var addresses: [String] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let current = node {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(current.pointee.ai_addr, current.pointee.ai_addrlen, &buffer, socklen_t(buffer.count),
                           nil, 0, NI_NUMERICHOST) == 0 {
                let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !addresses.contains(text) { addresses.append(text) }
            }
            node = current.pointee.ai_next
        }
        return addresses.isEmpty ? .failure(.notFound("\(host): no addresses")) : .success(addresses)
    }
}
