import DNS
import Foundation

/// The SPF `check_host()` function of RFC 7208 §4, with the processing limits of §4.6.4
/// (10 DNS-querying terms, 2 void lookups, 10 MX and 10 PTR names per term), macros
/// (§7) and explanations (§6.2).
public struct SPFChecker: Sendable {
    public var dns: any MailAuthDNS
    /// `%{r}`: the receiving host (§7.3); "unknown" when not set.
    public var receivingHost: String
    /// The explanation for `fail` when the record has no usable `exp=` (§6.2). Nil: none.
    public var defaultExplanation: String?
    public var lookupLimit = 10
    public var voidLookupLimit = 2

    public init(dns: any MailAuthDNS, receivingHost: String = "unknown", defaultExplanation: String? = nil) {
        self.dns = dns
        self.receivingHost = receivingHost
        self.defaultExplanation = defaultExplanation
    }

    /// The check a receiver makes for a message (§2.3, §2.4): the MAIL FROM identity, or
    /// when the reverse-path is null, `postmaster@` the HELO domain.
    public func check(ip: IPAddress, mailFrom: String, helo: String) async -> SPFCheckResult {
        var mailFrom = mailFrom
        if mailFrom.hasPrefix("<"), mailFrom.hasSuffix(">") { mailFrom = String(mailFrom.dropFirst().dropLast()) }
        if mailFrom.isEmpty { return await checkHELO(ip: ip, helo: helo) }
        var local = "", domain = mailFrom
        if let at = mailFrom.lastIndex(of: "@") {
            local = String(mailFrom[..<at])
            domain = String(mailFrom[mailFrom.index(after: at)...])
        }
        // §4.3: "If the <sender> has no local-part, substitute the string "postmaster"".
        if local.isEmpty { local = "postmaster" }
        return await checkHost(ip: ip, domain: domain, sender: "\(local)@\(domain)", helo: helo, identity: .mailFrom)
    }

    /// The HELO identity (§2.3).
    public func checkHELO(ip: IPAddress, helo: String) async -> SPFCheckResult {
        await checkHost(ip: ip, domain: helo, sender: "postmaster@\(helo)", helo: helo, identity: .helo)
    }

    /// `check_host(<ip>, <domain>, <sender>)`.
    public func checkHost(ip: IPAddress, domain: String, sender: String, helo: String,
                          identity: SPFIdentity = .mailFrom) async -> SPFCheckResult {
        let evaluation = SPFEvaluation(checker: self, ip: ip, sender: sender, helo: helo)
        var outcome = SPFCheckResult(result: .none, identity: identity, sender: sender, domain: domain)
        do throws(SPFAbort) {
            let (result, explanation, reason) = try await evaluation.checkHost(domain)
            outcome.result = result
            outcome.reason = reason
            if result == .fail { outcome.explanation = explanation ?? defaultExplanation }
        } catch {
            switch error {
            case .permerror(let why): outcome.result = .permerror; outcome.reason = why
            case .temperror(let why): outcome.result = .temperror; outcome.reason = why
            }
        }
        return outcome
    }
}

/// Ends an evaluation with one of the error results.
enum SPFAbort: Error {
    case permerror(String)
    case temperror(String)
}

/// The state of one `check_host()` evaluation, shared by the records it recurses into
/// (the limits count across `include` and `redirect`, §4.6.4).
final class SPFEvaluation {
    let checker: SPFChecker
    let ip: IPAddress
    let sender: String
    let localPart: String
    let senderDomain: String
    let helo: String
    private var lookups = 0
    private var voidLookups = 0
    private var validatedNames: [String]?

    init(checker: SPFChecker, ip: IPAddress, sender: String, helo: String) {
        self.checker = checker
        self.ip = SPFAddress.normalized(ip)
        self.sender = sender
        self.helo = helo
        if let at = sender.lastIndex(of: "@") {
            localPart = String(sender[..<at])
            senderDomain = String(sender[sender.index(after: at)...])
        } else {
            localPart = "postmaster"
            senderDomain = sender
        }
    }

    private var isIPv6: Bool { ip.isIPv6 }
    private var dns: any MailAuthDNS { checker.dns }

    /// Evaluates `domain`'s record: the result (never an error result: those are
    /// thrown), the explanation when it is `fail`, and a reason for reports.
    func checkHost(_ domain: String) async throws(SPFAbort) -> (SPFResult, String?, String?) {
        // §4.3: malformed or single-label domains give "none" at once.
        guard SPFDomain.isValid(domain, multiLabel: true) else { return (.none, nil, "no valid domain in \(domain)") }
        // §4.4, §4.5: the TXT records, exactly one starting with "v=spf1".
        let (answer, texts) = await dns.txt(domain)
        switch answer {
        case .temporaryFailure(let why):
            throw .temperror("\(domain): \(why)")
        case .nonexistentDomain, .noData:
            try countVoid()
            return (.none, nil, "no SPF record at \(domain)")
        case .records:
            break
        }
        let candidates = texts.filter(SPFRecord.isSPFRecord)
        guard !candidates.isEmpty else { return (.none, nil, "no SPF record at \(domain)") }
        guard candidates.count == 1 else { throw .permerror("\(domain) has \(candidates.count) SPF records") }
        let record: SPFRecord
        do { record = try SPFRecord(candidates[0]) } catch { throw .permerror("\(domain): \(error.description)") }

        // §4.6.2: mechanisms in order; the first match decides.
        for term in record.terms {
            if term.mechanism.countsAsLookup { try countLookup() }
            if try await matches(term.mechanism, domain: domain) {
                let result = term.qualifier.result
                var explanation: String?
                if result == .fail, let spec = record.explanation {
                    explanation = await explain(spec, domain: domain)
                }
                return (result, explanation, "matched \(term.text) in \(domain)")
            }
        }
        // §6.1: redirect when nothing matched; its result (and explanation) is the result.
        if let redirect = record.redirect {
            try countLookup()
            let target = await expandDomain(redirect, domain: domain)
            let (result, explanation, reason) = try await checkHost(target)
            if result == .none { throw .permerror("redirect=\(target) has no SPF record") }
            return (result, explanation, reason)
        }
        // §4.7: the default result.
        return (.neutral, nil, "no mechanism matched in \(domain)")
    }

    // MARK: Mechanisms (§5)

    private func matches(_ mechanism: SPFRecord.Mechanism, domain: String) async throws(SPFAbort) -> Bool {
        switch mechanism {
        case .all:
            return true
        case .include(let spec):
            // §5.2: pass matches; fail, softfail, neutral do not; errors propagate; none is
            // permerror.
            let target = await expandDomain(spec, domain: domain)
            let (result, _, _) = try await checkHost(target)
            switch result {
            case .pass: return true
            case .fail, .softfail, .neutral: return false
            case .none: throw .permerror("include:\(target) has no SPF record")
            case .temperror, .permerror: return false  // thrown, never returned
            }
        case .a(let spec, let v4, let v6):
            let target = await target(spec, domain: domain)
            guard SPFDomain.isValid(target, multiLabel: false) else { return false }
            return try await addressesMatch(of: target, v4: v4, v6: v6, failOnError: true)
        case .mx(let spec, let v4, let v6):
            let target = await target(spec, domain: domain)
            guard SPFDomain.isValid(target, multiLabel: false) else { return false }
            let answer = await dns.query(target, .mx)
            var hosts: [MXRecord] = []
            switch answer {
            case .temporaryFailure(let why): throw .temperror("MX \(target): \(why)")
            case .nonexistentDomain, .noData: try countVoid()
            case .records(let records):
                hosts = records.compactMap { if case .mx(let mx) = $0 { return mx } else { return nil } }
                if hosts.isEmpty { try countVoid() }
            }
            // §4.6.4: more than 10 MX records is a permerror.
            guard hosts.count <= 10 else { throw .permerror("\(target) has more than 10 MX records") }
            for host in hosts.sorted(by: { $0.preference < $1.preference }) where !host.exchange.isRoot {
                if try await addressesMatch(of: host.exchange.withoutTrailingDot, v4: v4, v6: v6, failOnError: true) {
                    return true
                }
            }
            return false
        case .ptr(let spec):
            let target = await target(spec, domain: domain)
            return try await validatedDomainNames().contains { SPFDomain.isSame($0, orSubdomainOf: target) }
        case .ip4(let network, let length):
            guard case .v4(let client) = ip else { return false }
            return SPFAddress.matches(client.bytes, network.bytes, length: length)
        case .ip6(let network, let length):
            guard case .v6(let client) = ip else { return false }
            return SPFAddress.matches(client.bytes, network.bytes, length: length)
        case .exists(let spec):
            // §5.7: an A query whatever the client's address family.
            let target = await expandDomain(spec, domain: domain)
            guard SPFDomain.isValid(target, multiLabel: false) else { return false }
            let answer = await dns.query(target, .a)
            switch answer {
            case .temporaryFailure(let why): throw .temperror("exists:\(target): \(why)")
            case .nonexistentDomain, .noData: try countVoid(); return false
            case .records(let records):
                if records.isEmpty { try countVoid() }
                return !records.isEmpty
            }
        }
    }

    /// Whether an address of `name` (A or AAAA after the client's family) is in the
    /// client's network of the given length. DNS errors are `temperror` unless
    /// `failOnError` is false (then: no match, as for PTR names, §5.5).
    private func addressesMatch(of name: String, v4: Int, v6: Int, failOnError: Bool) async throws(SPFAbort) -> Bool {
        let answer = await dns.query(name, isIPv6 ? .aaaa : .a)
        switch answer {
        case .temporaryFailure(let why):
            if failOnError { throw .temperror("\(name): \(why)") }
            return false
        case .nonexistentDomain, .noData:
            try countVoid()
            return false
        case .records(let records):
            if records.isEmpty { try countVoid() }
            let client = SPFAddress.bytes(ip)
            for record in records {
                switch record {
                case .a(let a) where !isIPv6:
                    if SPFAddress.matches(client, a.bytes, length: v4) { return true }
                case .aaaa(let a) where isIPv6:
                    if SPFAddress.matches(client, a.bytes, length: v6) { return true }
                default:
                    continue
                }
            }
            return false
        }
    }

    /// The client's validated domain names (§5.5): PTR names (the first 10) whose
    /// addresses include the client. A failing PTR lookup gives none.
    private func validatedDomainNames() async throws(SPFAbort) -> [String] {
        if let validatedNames { return validatedNames }
        var names: [String] = []
        let answer = await dns.query(ip.reverseLookupName.withoutTrailingDot, .ptr)
        if answer.isVoid { try countVoid() }
        let candidates = answer.records.compactMap { if case .ptr(let n) = $0 { return n.withoutTrailingDot } else { return nil } }
        for name in candidates.prefix(10) where SPFDomain.isValid(name, multiLabel: false) {
            if try await addressesMatch(of: name, v4: 32, v6: 128, failOnError: false) { names.append(name) }
        }
        validatedNames = names
        return names
    }

    // MARK: Limits (§4.6.4)

    private func countLookup() throws(SPFAbort) {
        lookups += 1
        if lookups > checker.lookupLimit { throw .permerror("more than \(checker.lookupLimit) DNS-querying terms") }
    }

    private func countVoid() throws(SPFAbort) {
        voidLookups += 1
        if voidLookups > checker.voidLookupLimit { throw .permerror("more than \(checker.voidLookupLimit) void lookups") }
    }

    // MARK: Macros (§7)

    private func target(_ spec: SPFMacroString?, domain: String) async -> String {
        guard let spec else { return domain }
        return await expandDomain(spec, domain: domain)
    }

    private func expandDomain(_ spec: SPFMacroString, domain: String) async -> String {
        SPFDomain.truncated(await expand(spec, domain: domain))
    }

    func expand(_ string: SPFMacroString, domain: String) async -> [UInt8] {
        var validated = "unknown"
        if string.usesValidatedDomain {
            // §7.3 "p": a validated name, preferably the domain or a subdomain of it.
            let names = (try? await validatedDomainNames()) ?? []
            validated = names.first { SPFDomain.isSame($0, orSubdomainOf: domain) } ?? names.first ?? "unknown"
        }
        let ip = self.ip
        let values: [UInt8: String] = [
            0x73: sender,                                      // s
            0x6C: localPart,                                   // l
            0x6F: senderDomain,                                // o
            0x64: domain,                                      // d
            0x69: SPFAddress.macroI(ip),                       // i
            0x70: validated,                                   // p
            0x76: ip.isIPv6 ? "ip6" : "in-addr",               // v
            0x68: helo,                                        // h
            0x63: ip.description,                              // c
            0x72: checker.receivingHost,                       // r
            0x74: String(Int(Date().timeIntervalSince1970)),   // t
        ]
        return string.expand { Array((values[$0] ?? "").utf8) }
    }

    /// §6.2: the explanation, or nil (then the default) when the name is unusable, DNS
    /// fails, there is not exactly one TXT record, or its text is not a valid ASCII
    /// explain-string. These lookups count against no limit.
    private func explain(_ spec: SPFMacroString, domain: String) async -> String? {
        let name = await expandDomain(spec, domain: domain)
        guard SPFDomain.isValid(name, multiLabel: false) else { return nil }
        let (answer, texts) = await dns.txt(name)
        guard case .records = answer, texts.count == 1,
              texts[0].allSatisfy({ (0x20...0x7E).contains($0) }),
              let string = SPFMacroString(texts[0], explanation: true) else { return nil }
        return String(decoding: await expand(string, domain: domain), as: UTF8.self)
    }
}
