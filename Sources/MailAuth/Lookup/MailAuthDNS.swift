import DNS

/// What one DNS question gave, in the terms SPF, DKIM, DMARC and ARC need: records, the
/// two kinds of "void" answer (RFC 7208 §4.6.4: NXDOMAIN and NOERROR without data), or a
/// failure worth retrying (timeout, SERVFAIL), which the methods report as `temperror`.
public enum MailAuthDNSAnswer: Sendable, Hashable {
    case records([RecordData])
    /// NXDOMAIN (RFC 8020: nothing exists at or below the name).
    case nonexistentDomain
    /// NOERROR without records of the type asked.
    case noData
    /// The lookup did not complete.
    case temporaryFailure(String)

    /// The records, empty for the void answers and failures.
    public var records: [RecordData] {
        if case .records(let list) = self { return list }
        return []
    }

    /// NXDOMAIN, or an answer without records (RFC 7208 §4.6.4 "void lookup").
    public var isVoid: Bool {
        switch self {
        case .nonexistentDomain, .noData: return true
        case .records(let list): return list.isEmpty
        case .temporaryFailure: return false
        }
    }
}

/// The only way MailAuth reaches DNS. `ResolverMailAuthDNS` asks the real resolver (its
/// cache makes a second message from the same sender cost no network); unit tests use
/// `StaticMailAuthDNS`, a fixed zone. Implementations never throw: every problem is an
/// answer.
public protocol MailAuthDNS: Sendable {
    /// The records of `type` at `name` (presentation form, trailing dot optional), CNAMEs
    /// followed.
    func query(_ name: String, _ type: DNSRecordType) async -> MailAuthDNSAnswer
}

extension MailAuthDNS {
    /// TXT records, each one's character-strings concatenated (RFC 7208 §3.3, RFC 6376
    /// §3.6.2.2), as bytes: policies must be checked for non-ASCII before use.
    func txt(_ name: String) async -> (answer: MailAuthDNSAnswer, texts: [[UInt8]]) {
        let answer = await query(name, .txt)
        let texts = answer.records.compactMap { record -> [UInt8]? in
            if case .txt(let txt) = record { return txt.joinedBytes }
            return nil
        }
        return (answer, texts)
    }
}

/// DKIM keys through the same DNS access as the other methods.
public struct MailAuthDNSKeyFetcher: DKIMKeyFetcher {
    public let dns: any MailAuthDNS

    public init(dns: any MailAuthDNS) { self.dns = dns }

    public func lookUpTXT(_ name: String) async -> DKIMKeyLookup {
        let (answer, texts) = await dns.txt(name)
        switch answer {
        case .temporaryFailure(let why): return .temporaryFailure(why)
        case .nonexistentDomain, .noData: return .notFound
        case .records:
            let strings = texts.map { String(decoding: $0, as: UTF8.self) }
            return strings.isEmpty ? .notFound : .records(strings)
        }
    }
}
