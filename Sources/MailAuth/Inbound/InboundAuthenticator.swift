// Inbound mail authentication: the one entry point the content filter calls.
//
//     let authenticator = InboundAuthenticator(
//         dns: ResolverMailAuthDNS(resolver: resolver),   // any MailAuthDNS (or init(resolver:))
//         timeout: .seconds(20),                          // the filter's time budget
//         noNetwork: false)                               // true: every method "none"
//     let report = await authenticator.check(
//         message: bytes,            // the message as received ([UInt8], CRLF or LF)
//         clientIP: "192.0.2.1",     // nil for connector mail: spf=none
//         helo: "mail.example.com",
//         mailFrom: "alice@example.com",   // "" for the null reverse-path
//         authservID: "mx.example.org")    // server.hostname
//
// `InboundAuthenticationReport`:
//     spf: SPFCheckResult            .result (none/neutral/pass/fail/softfail/temperror/permerror),
//                                    .identity, .sender, .domain, .explanation, .reason
//     dkim: [DKIMVerificationResult] one per signature: .result, .domain (header.d),
//                                    .selector (header.s), .signaturePrefix (header.b),
//                                    .unsignedBodyOctets (l=), .reason
//     dmarc: DMARCEvaluation         .result (none/pass/fail/temperror/permerror), .authorDomains,
//                                    .policyDomain, .policy (p/sp/np after t=y), .disposition,
//                                    .spfAligned, .dkimAligned, .reason
//     arc: ARCVerificationResult     .result (none/pass/fail), .instances, .sealDomains, .reason
//     dmarcPolicy: DMARCPolicy       what applies to this message (none unless DMARC failed)
//     authenticationResults: String  the header value; authenticationResultsField the whole line
//     symbols: [AuthenticationSymbol] (name, detail): SPF_PASS SPF_FAIL SPF_SOFTFAIL SPF_NEUTRAL
//                                    SPF_NONE SPF_TEMPERROR SPF_PERMERROR, DKIM_VALID DKIM_INVALID
//                                    DKIM_TEMPERROR DKIM_NEUTRAL DKIM_NONE DKIM_UNSIGNED_CONTENT,
//                                    DMARC_PASS DMARC_REJECT DMARC_QUARANTINE DMARC_NONE_POLICY_FAIL
//                                    DMARC_NONE DMARC_TEMPERROR DMARC_PERMERROR, ARC_PASS ARC_FAIL ARC_NONE
//     timedOut: Bool
//     applying(to: message) -> [UInt8]   removes A-R fields claiming authservID, prepends ours
//     dmarcAction(.off / .junk / .reject) -> .deliver / .junk / .reject  (mailauth.dmarc.enforce)
//
// Mail passed on to another server (forwards, aliases to external addresses) can be ARC
// sealed with the domain's DKIM key: ARCSealer(domain:selector:key:).seal(message,
// chain: report.arc, authenticationResults: report.authenticationResults).
//
// SPF, the DKIM keys, the ARC keys and DMARC policy discovery run at the same time; DMARC
// alignment then reuses the answers (and the resolver's cache). Nothing throws: a DNS
// failure or the timeout gives temperror (ARC: fail). The caller decides what to do with
// the results; this module never touches SMTP.

import DNS
import Foundation

/// Checks SPF (RFC 7208), DKIM (RFC 6376, 8463, 8301), DMARC (RFC 9989) and ARC (RFC 8617)
/// for one inbound message and composes its Authentication-Results field (RFC 8601).
public struct InboundAuthenticator: Sendable {
    public var dns: any MailAuthDNS
    /// The whole check's budget: what has not finished by then is reported as temperror.
    /// RFC 7208 §4.6.4 asks to allow SPF at least 20 seconds.
    public var timeout: Duration
    /// Make no lookup at all: every method is `none` (`postino filter scan --no-network`).
    public var noNetwork: Bool
    /// `%{r}` in SPF explanations.
    public var receivingHost: String

    public init(dns: any MailAuthDNS, timeout: Duration = .seconds(20), noNetwork: Bool = false,
                receivingHost: String = "unknown") {
        self.dns = dns
        self.timeout = timeout
        self.noNetwork = noNetwork
        self.receivingHost = receivingHost
    }

    /// Lookups through `resolver` (and its cache).
    public init(resolver: DNSResolver, timeout: Duration = .seconds(20), noNetwork: Bool = false,
                receivingHost: String = "unknown") {
        self.init(dns: ResolverMailAuthDNS(resolver: resolver), timeout: timeout, noNetwork: noNetwork,
                  receivingHost: receivingHost)
    }

    public func check(message: [UInt8], clientIP: String?, helo: String, mailFrom: String,
                      authservID: String, at time: Date = Date()) async -> InboundAuthenticationReport {
        // "<alice@example.com>" and "<>" as SMTP writes them are the address and the null path.
        let mailFrom = mailFrom.hasPrefix("<") && mailFrom.hasSuffix(">") ? String(mailFrom.dropFirst().dropLast()) : mailFrom
        let authorDomains = DMARCEvaluator.authorDomains(of: message)
        let mailFromDomain = mailFrom.split(separator: "@").last.map(String.init) ?? mailFrom
        var spf = SPFCheckResult(result: .none, identity: mailFrom.isEmpty ? .helo : .mailFrom,
                                 sender: mailFrom.isEmpty ? "postmaster@\(helo)" : mailFrom,
                                 domain: mailFrom.isEmpty ? helo : mailFromDomain)
        var dkim: [DKIMVerificationResult] = []
        var dmarc = DMARCEvaluation(result: .none, authorDomains: authorDomains)
        var arc = ARCVerificationResult(result: .none)
        var timedOut = false

        if noNetwork {
            spf.reason = "not checked (no network)"
            dmarc.reason = "not checked (no network)"
        } else {
            let deadline = ContinuousClock.now + timeout
            let dns = self.dns
            let fetcher = MailAuthDNSKeyFetcher(dns: dns)
            let checker = SPFChecker(dns: dns, receivingHost: receivingHost)
            let address = clientIP.flatMap(Self.address)
            let spfTask: Task<SPFCheckResult?, Never>? = address.map { ip in
                Task { await checker.check(ip: ip, mailFrom: mailFrom, helo: helo) }
            }
            let dkimTask = Task { await DKIMVerifier().verify(message, fetcher: fetcher, at: time) }
            let arcTask = Task { await ARCVerifier().verify(message, fetcher: fetcher, at: time) }
            let evaluator = DMARCEvaluator(dns: dns)
            let discoveryTask = Task { await evaluator.discover(authorDomains: authorDomains) }

            if let spfTask {
                if let result = await Deadline.value(of: spfTask, until: deadline), let result {
                    spf = result
                } else {
                    timedOut = true
                    spf.result = .temperror
                    spf.reason = "timed out"
                }
            } else {
                spf.reason = clientIP == nil ? "no client address (not received over SMTP)" : "invalid client address \(clientIP ?? "")"
            }
            if let result = await Deadline.value(of: dkimTask, until: deadline) {
                dkim = result
            } else {
                timedOut = true
                dkim = [DKIMVerificationResult(result: .temperror, reason: "timed out")]
            }
            if let result = await Deadline.value(of: arcTask, until: deadline) {
                arc = result
            } else {
                timedOut = true
                arc = ARCVerificationResult(result: .fail, reason: "timed out")
            }
            let (spfResult, dkimResults) = (spf, dkim)
            let dmarcTask = Task { () -> DMARCEvaluation? in
                guard let discovery = await Deadline.value(of: discoveryTask, until: deadline) else { return nil }
                return await evaluator.evaluate(discovery, spf: spfResult, dkim: dkimResults)
            }
            if let result = await Deadline.value(of: dmarcTask, until: deadline), let result {
                dmarc = result
            } else {
                timedOut = true
                dmarc.result = .temperror
                dmarc.reason = "timed out"
            }
        }

        var fragments = [AuthenticationResults.spfFragment(spf)]
        fragments += AuthenticationResults.dkimFragments(dkim)
        fragments.append(AuthenticationResults.dmarcFragment(dmarc))
        fragments.append(arc.authenticationResultsFragment)
        let field = AuthenticationResults.field(authservID: authservID, fragments: fragments)
        var value = String(field.dropFirst("Authentication-Results: ".count))
        if value.hasSuffix("\r\n") { value.removeLast() }  // one Character: CRLF is a grapheme cluster
        return InboundAuthenticationReport(
            spf: spf, dkim: dkim, dmarc: dmarc, arc: arc, authservID: authservID, authenticationResults: value,
            symbols: AuthenticationSymbol.symbols(spf: spf, dkim: dkim, dmarc: dmarc, arc: arc), timedOut: timedOut)
    }

    /// The client address as given: bare, in brackets, or with RFC 5321's `IPv6:` tag.
    static func address(_ text: String) -> IPAddress? {
        var text = text.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if text.lowercased().hasPrefix("ipv6:") { text = String(text.dropFirst(5)) }
        return IPAddress(text)
    }
}
