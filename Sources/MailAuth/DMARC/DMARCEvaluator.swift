import Foundation
import MailCore

/// What policy discovery (RFC 9989 §4.10.1) found for the Author Domain(s): the Tree
/// Walks' DNS answers, kept so that evaluation (§4.10.2) does not ask again. Made while
/// SPF and DKIM run, then handed to `DMARCEvaluator.evaluate`.
public struct DMARCDiscovery: Sendable {
    public let authorDomains: [String]
    let walks: [String: DMARCDiscoveredWalk]
    let lookups: [String: DMARCStoredLookup]
}

struct DMARCDiscoveredWalk: Sendable {
    var found: [DMARCFoundRecord]
    var failure: String?
}

struct DMARCFoundRecord: Sendable {
    var domain: String
    var record: DMARCRecord
}

enum DMARCStoredLookup: Sendable {
    case record(DMARCRecord)
    case nothing
    case failure(String)
}

/// DMARC (RFC 9989): policy discovery by the DNS Tree Walk, relaxed or strict identifier
/// alignment of the SPF- and DKIM-Authenticated Identifiers, the result and the policy
/// (`p`, `sp`, `np`, `t`) that applies.
public struct DMARCEvaluator: Sendable {
    public var dns: any MailAuthDNS

    /// Author Domains evaluated at most (RFC 9989 §11.5: limit them, or a From field with
    /// many domains becomes a denial of service). The rest are not looked up.
    public var maximumAuthorDomains = 5

    public init(dns: any MailAuthDNS) { self.dns = dns }

    /// The Author Domains (§5.3.1): the domains of the RFC5322.From mailboxes, lower case,
    /// without repeats. Empty when there is no From or it has no parsable mailbox.
    public static func authorDomains(of message: [UInt8]) -> [String] {
        let parsed = Message(bytes: message, limits: MIMEParserLimits(maximumDepth: 0, maximumParts: 1))
        var domains: [String] = []
        for field in parsed.header.fields where field.hasName("From") {
            for mailbox in AddressList.mailboxes(in: field.unfoldedValue) {
                var domain = aLabels(mailbox.address.domain)
                while domain.hasSuffix(".") { domain.removeLast() }
                if !domain.isEmpty, !domains.contains(domain) { domains.append(domain) }
            }
        }
        return domains
    }

    /// The domain in lower case with U-labels converted to A-labels (§5.3.1: "If the
    /// domain is a U-label, the domain MUST be converted to an A-label").
    static func aLabels(_ domain: String) -> String {
        domain.split(separator: ".", omittingEmptySubsequences: false).map { label -> String in
            let lower = label.lowercased()
            guard !lower.allSatisfy(\.isASCII) else { return lower }
            return Punycode.encode(lower.precomposedStringWithCanonicalMapping).map { "xn--" + $0 } ?? lower
        }.joined(separator: ".")
    }

    /// Policy discovery for each Author Domain: the Tree Walk from it (§4.10, §4.10.1).
    public func discover(authorDomains: [String]) async -> DMARCDiscovery {
        let walker = DMARCTreeWalker(dns: dns)
        var walks: [String: DMARCDiscoveredWalk] = [:]
        for domain in authorDomains.prefix(maximumAuthorDomains) {
            let walk = await walker.walk(from: domain)
            walks[domain] = DMARCDiscoveredWalk(found: walk.found.map { DMARCFoundRecord(domain: $0.domain, record: $0.record) },
                                                failure: walk.failure)
        }
        return DMARCDiscovery(authorDomains: authorDomains, walks: walks, lookups: walker.storedLookups)
    }

    /// Discovery and evaluation in one step.
    public func evaluate(authorDomains: [String], spf: SPFCheckResult?, dkim: [DKIMVerificationResult]) async -> DMARCEvaluation {
        await evaluate(await discover(authorDomains: authorDomains), spf: spf, dkim: dkim)
    }

    /// The result for the message (§5.3). With several Author Domains (§5.3.1 allows going
    /// on) each is evaluated, as §11.5 recommends, and the message gets the least
    /// favourable outcome: a failure with the strictest policy, else a temporary error,
    /// else `none`, else `pass`.
    public func evaluate(_ discovery: DMARCDiscovery, spf: SPFCheckResult?, dkim: [DKIMVerificationResult]) async -> DMARCEvaluation {
        guard !discovery.authorDomains.isEmpty else {
            return DMARCEvaluation(result: .permerror, authorDomains: [], reason: "no RFC5322.From domain")
        }
        let walker = DMARCTreeWalker(dns: dns, stored: discovery.lookups)
        var outcomes: [DMARCEvaluation] = []
        for domain in discovery.authorDomains.prefix(maximumAuthorDomains) {
            let walk = discovery.walks[domain] ?? DMARCDiscoveredWalk(found: [])
            outcomes.append(await evaluate(domain: domain, walk: walk, walker: walker, spf: spf, dkim: dkim))
        }
        if outcomes.count == 1 { return outcomes[0] }
        let rank: [DMARCResult: Int] = [.fail: 0, .temperror: 1, .permerror: 2, .none: 3, .pass: 4]
        var worst = outcomes.min { a, b in
            let (ra, rb) = (rank[a.result] ?? 9, rank[b.result] ?? 9)
            return ra != rb ? ra < rb : a.disposition > b.disposition
        }!
        worst.authorDomains = discovery.authorDomains
        worst.reason = "\(discovery.authorDomains.count) From domains; " + (worst.reason ?? "")
        return worst
    }

    private func evaluate(domain author: String, walk: DMARCDiscoveredWalk, walker: DMARCTreeWalker,
                          spf: SPFCheckResult?, dkim: [DKIMVerificationResult]) async -> DMARCEvaluation {
        var outcome = DMARCEvaluation(result: .none, authorDomains: [author])
        if let failure = walk.failure {
            outcome.result = .temperror
            outcome.reason = "policy discovery: \(failure)"
            return outcome
        }
        let found = walk.found.map { (domain: $0.domain, record: $0.record) }
        let organizational = DMARCTreeWalker.organizationalDomain(start: author, found)

        // §4.10.1: the record of the Author Domain, else of its Organizational Domain,
        // else of its PSD.
        let chosen = found.first { $0.domain == author }
            ?? found.first { $0.domain == organizational }
            ?? found.first { $0.record.psd == "y" }
        guard let (policyDomain, record) = chosen else {
            outcome.reason = "no DMARC policy record for \(author)"
            return outcome
        }
        guard record.isApplicable else {
            outcome.reason = "_dmarc.\(policyDomain) has no valid p= (and no rua=)"
            return outcome
        }
        outcome.policyDomain = policyDomain

        var policy: DMARCPolicy
        if record.policy == nil || record.hasInvalidSubdomainPolicy {
            policy = .none
        } else if policyDomain == author {
            policy = record.effectivePolicy
        } else if let np = record.nonexistentSubdomainPolicy, await authorDomainIsNonexistent(author) {
            policy = np
        } else {
            policy = record.subdomainPolicy ?? record.effectivePolicy
        }
        if record.testing { policy = policy.oneLevelBelow }
        outcome.policy = policy

        // §4.4, §4.10.2: alignment of each Authenticated Identifier.
        var failures: [String] = []
        func aligned(_ identifier: String, strict: Bool) async -> Bool {
            var id = identifier.lowercased()
            while id.hasSuffix(".") { id.removeLast() }
            if id == author { return true }
            if strict { return false }
            let (org, failure) = await walker.organizationalDomain(of: id)
            if let failure { failures.append(failure) }
            return org == organizational
        }
        for signature in dkim where signature.result == .pass {
            if let d = signature.domain, await aligned(d, strict: record.strictDKIM) {
                outcome.dkimAligned = true
                break
            }
        }
        // DMARC uses the MAIL FROM identity only (§4.4.2).
        if let spf, spf.result == .pass, spf.identity == .mailFrom, await aligned(spf.domain, strict: record.strictSPF) {
            outcome.spfAligned = true
        }
        // §5.3.6: an identifier that could have aligned but whose check did not complete
        // (temperror) leaves the result open.
        var unfinished: String?
        if !outcome.dkimAligned && !outcome.spfAligned {
            for signature in dkim where signature.result == .temperror {
                if let d = signature.domain, !(await aligned(d, strict: record.strictDKIM)) { continue }
                unfinished = "DKIM \(signature.domain ?? "check"): \(signature.reason ?? "temperror")"
                break
            }
            if unfinished == nil, let spf, spf.result == .temperror, spf.identity == .mailFrom,
               await aligned(spf.domain, strict: record.strictSPF) {
                unfinished = "SPF \(spf.domain): \(spf.reason ?? "temperror")"
            }
        }
        if outcome.dkimAligned || outcome.spfAligned {
            outcome.result = .pass
            outcome.reason = outcome.dkimAligned ? "aligned DKIM pass" : "aligned SPF pass"
        } else if let unfinished {
            outcome.result = .temperror
            outcome.reason = unfinished
        } else if let failure = failures.first {
            outcome.result = .temperror
            outcome.reason = "alignment: \(failure)"
        } else {
            outcome.result = .fail
            outcome.disposition = policy
            outcome.reason = "no aligned SPF or DKIM pass"
        }
        return outcome
    }

    /// RFC 9989 §3.2.13 (RFC 8020): NXDOMAIN means the name does not exist.
    private func authorDomainIsNonexistent(_ domain: String) async -> Bool {
        if case .nonexistentDomain = await dns.query(domain, .a) { return true }
        return false
    }
}
