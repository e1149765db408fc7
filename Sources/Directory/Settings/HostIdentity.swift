#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The machine's own name, the default of `server.hostname`.
enum HostIdentity {
    /// Computed once: gethostname(2), then the canonical name getaddrinfo(3) reports for
    /// it (what `hostname -f` prints). Falls back to the short name, then `localhost`.
    static let fullyQualifiedName: String = compute()

    private static func compute() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let short = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard !short.isEmpty else { return "localhost" }

        var hints = addrinfo()
        hints.ai_flags = AI_CANONNAME
        hints.ai_family = AF_UNSPEC
        var result: UnsafeMutablePointer<addrinfo>?
        var candidate = short
        if getaddrinfo(short, nil, &hints, &result) == 0, let info = result {
            if let canon = info.pointee.ai_canonname {
                let name = String(cString: canon)
                if name.contains(".") || !short.contains(".") { candidate = name }
            }
            freeaddrinfo(info)
        }
        let lower = candidate.lowercased()
        if NameRules.hostnameProblem(lower) == nil { return lower }
        if NameRules.hostnameProblem(short.lowercased()) == nil { return short.lowercased() }
        return "localhost"
    }
}
