import Foundation
import DNS

/// The DNS part of `postino check`: which questions to ask, and what the answers mean for
/// mail to and from `hostname`. Pure: the answers come from `DNSLookupGatherer` (or a test).
public struct DNSChecks: Sendable {
    public struct Domain: Sendable {
        public var name: String
        public var dkimSigning: Bool
        /// The DKIM records this server's keys need (`DKIMKeyRow`).
        public var dkimRecords: [DKIMKeyRow]

        public init(name: String, dkimSigning: Bool, dkimRecords: [DKIMKeyRow]) {
            self.name = name
            self.dkimSigning = dkimSigning
            self.dkimRecords = dkimRecords
        }
    }

    public var hostname: String
    public var domains: [Domain]
    /// The address other servers see (given with `--public-ip`, or the outward interface's
    /// when it is public); nil when unknown.
    public var publicIP: IPAddress?

    public init(hostname: String, domains: [Domain], publicIP: IPAddress?) {
        self.hostname = hostname.lowercased()
        self.domains = domains
        self.publicIP = publicIP
    }

    public typealias Question = DNSLookupResults.Question

    public var questions: Set<Question> {
        var all: Set<Question> = [Question(hostname, .a), Question(hostname, .aaaa)]
        if let publicIP { all.insert(Question(publicIP.reverseLookupName.withoutTrailingDot, .ptr)) }
        for domain in domains {
            let d = domain.name
            all.formUnion([Question(d, .mx), Question(d, .txt), Question("_dmarc." + d, .txt),
                           Question("_mta-sts." + d, .txt), Question("_smtp._tls." + d, .txt)])
            for record in domain.dkimRecords { all.insert(Question(record.name, .txt)) }
        }
        return all
    }

    public func findings(_ results: DNSLookupResults) -> [CheckFinding] {
        var out = addressFindings(results)
        out += reverseFindings(results)
        for domain in domains {
            out += mxFindings(domain.name, results)
            out += spfFindings(domain.name, results)
            out += dkimFindings(domain, results)
            out += dmarcFindings(domain.name, results)
            out += optionalFindings(domain.name, results)
        }
        return out
    }

    // MARK: - The server's name

    func addressFindings(_ results: DNSLookupResults) -> [CheckFinding] {
        var addresses: [IPAddress] = []
        var unanswered: String?
        for type in [DNSRecordType.a, .aaaa] {
            switch results.outcome(hostname, type) {
            case .records(let records):
                for record in records {
                    if case .a(let v4) = record { addresses.append(.v4(v4)) }
                    if case .aaaa(let v6) = record { addresses.append(.v6(v6)) }
                }
            case .absent: break
            case .unanswered(let why): unanswered = why
            }
        }
        let publish = "\(hostname). IN \(publicIP?.isIPv6 == true ? "AAAA" : "A") \(publicIP?.description ?? "YOUR-PUBLIC-IP")"
        if addresses.isEmpty, let unanswered {
            return [CheckFinding(.fail, "dns", "A/AAAA of \(hostname): cannot check (\(unanswered))", fix: "publish \(publish)")]
        }
        if addresses.isEmpty {
            return [CheckFinding(.fail, "dns", "\(hostname) has no A or AAAA record", fix: "publish \(publish)")]
        }
        let list = addresses.map(\.description).joined(separator: ", ")
        if let publicIP, !addresses.contains(publicIP) {
            return [CheckFinding(.fail, "dns", "\(hostname) resolves to \(list), not to the public address \(publicIP)",
                                 fix: "publish \(publish)")]
        }
        return [CheckFinding(.ok, "dns", "\(hostname) resolves to \(list)")]
    }

    func reverseFindings(_ results: DNSLookupResults) -> [CheckFinding] {
        guard let publicIP else {
            return [CheckFinding(.warning, "dns", "PTR: the public address is not known (this machine's outward address is not public)",
                                 fix: "run postino check --public-ip YOUR-PUBLIC-IP")]
        }
        let fix = "ask the provider of \(publicIP) to set its reverse DNS (PTR) to \(hostname)"
        switch results.outcome(publicIP.reverseLookupName.withoutTrailingDot, .ptr) {
        case .records(let records):
            let names = records.compactMap { if case .ptr(let n) = $0 { return n.withoutTrailingDot.lowercased() } else { return nil } }
            if names.contains(hostname) { return [CheckFinding(.ok, "dns", "PTR of \(publicIP) is \(hostname)")] }
            return [CheckFinding(.fail, "dns", "PTR of \(publicIP) is \(names.joined(separator: ", ")), not \(hostname)", fix: fix)]
        case .absent:
            return [CheckFinding(.fail, "dns", "\(publicIP) has no PTR record (receivers distrust mail from it)", fix: fix)]
        case .unanswered(let why):
            return [CheckFinding(.fail, "dns", "PTR of \(publicIP): cannot check (\(why))", fix: fix)]
        }
    }

    // MARK: - Each domain

    func mxFindings(_ domain: String, _ results: DNSLookupResults) -> [CheckFinding] {
        let fix = "publish \(domain). IN MX 10 \(hostname)."
        switch results.outcome(domain, .mx) {
        case .records(let records):
            let hosts = records.compactMap { if case .mx(let mx) = $0 { return mx.exchange.withoutTrailingDot.lowercased() } else { return nil } }
            if hosts.contains(hostname) { return [CheckFinding(.ok, "dns", "MX of \(domain) is \(hostname)")] }
            let shown = hosts.map { $0.isEmpty ? "\".\" (null MX: the domain takes no mail)" : $0 }.joined(separator: ", ")
            return [CheckFinding(.fail, "dns", "MX of \(domain) is \(shown), not \(hostname)", fix: fix)]
        case .absent:
            return [CheckFinding(.fail, "dns", "\(domain) has no MX record", fix: fix)]
        case .unanswered(let why):
            return [CheckFinding(.fail, "dns", "MX of \(domain): cannot check (\(why))", fix: fix)]
        }
    }

    func spfFindings(_ domain: String, _ results: DNSLookupResults) -> [CheckFinding] {
        let fix = "publish \(domain). IN TXT \"v=spf1 mx -all\""
        switch results.texts(domain) {
        case .failure(let why):
            return [CheckFinding(.fail, "dns", "SPF of \(domain): cannot check (\(why.reason))", fix: fix)]
        case .success(let texts):
            // RFC 7208 §4.5: exactly one record starting with "v=spf1".
            let spf = texts.filter { Self.hasTag($0, "v=spf1") }
            if spf.isEmpty { return [CheckFinding(.fail, "dns", "\(domain) has no SPF record", fix: fix)] }
            if spf.count > 1 {
                return [CheckFinding(.fail, "dns", "\(domain) has \(spf.count) SPF records (a permanent error, RFC 7208 §4.5)", fix: "keep one: \(fix)")]
            }
            let terms = spf[0].lowercased().split(separator: " ").map(String.init)
            let authorizes = terms.contains { term in
                let t = term.drop { "+~?".contains($0) }
                return t == "mx" || t == "a" || t.hasPrefix("mx:") || t.hasPrefix("a:") || t.hasPrefix("include:")
                    || t.hasPrefix("redirect=") || (publicIP.map { t.hasPrefix("ip\($0.isIPv6 ? 6 : 4):\($0)") } ?? t.hasPrefix("ip"))
            }
            if !authorizes {
                return [CheckFinding(.warning, "dns", "SPF of \(domain) (\(spf[0])) does not seem to authorize this server", fix: fix)]
            }
            return [CheckFinding(.ok, "dns", "SPF of \(domain): \(spf[0])")]
        }
    }

    func dkimFindings(_ domain: Domain, _ results: DNSLookupResults) -> [CheckFinding] {
        guard !domain.dkimRecords.isEmpty else {
            return [CheckFinding(.warning, "dns", "\(domain.name) has no DKIM key",
                                 fix: "postino dkim generate \(domain.name), publish its record, then postino domain set \(domain.name) --dkim on")]
        }
        var out: [CheckFinding] = []
        for record in domain.dkimRecords {
            let fix = "publish \(record.zone_file_line)"
            switch results.texts(record.name) {
            case .failure(let why):
                out.append(CheckFinding(.fail, "dns", "DKIM \(record.name): cannot check (\(why.reason))", fix: fix))
            case .success(let texts):
                let wanted = Self.tag("p", in: record.value)
                let published = texts.filter { Self.tag("p", in: $0) != nil }
                if published.isEmpty {
                    out.append(CheckFinding(.fail, "dns", "DKIM \(record.name) is not published", fix: fix))
                } else if published.contains(where: { Self.tag("p", in: $0) == wanted }) {
                    out.append(CheckFinding(.ok, "dns", "DKIM \(record.name) matches the \(record.key_type) key"))
                } else {
                    out.append(CheckFinding(.fail, "dns", "DKIM \(record.name) does not match the key in the data directory", fix: fix))
                }
            }
        }
        if !domain.dkimSigning {
            out.append(CheckFinding(.warning, "dns", "DKIM signing is off for \(domain.name)",
                                    fix: "postino domain set \(domain.name) --dkim on (once the record is published)"))
        }
        return out
    }

    func dmarcFindings(_ domain: String, _ results: DNSLookupResults) -> [CheckFinding] {
        let name = "_dmarc." + domain
        let fix = "publish \(name). IN TXT \"v=DMARC1; p=none; rua=mailto:postmaster@\(domain)\""
        switch results.texts(name) {
        case .failure(let why):
            return [CheckFinding(.fail, "dns", "DMARC of \(domain): cannot check (\(why.reason))", fix: fix)]
        case .success(let texts):
            guard let record = texts.first(where: { Self.hasTag($0, "v=DMARC1") }) else {
                return [CheckFinding(.fail, "dns", "\(domain) has no DMARC record", fix: fix)]
            }
            return [CheckFinding(.ok, "dns", "DMARC of \(domain): \(record)")]
        }
    }

    /// MTA-STS (RFC 8461) and TLS-RPT (RFC 8460): reported, never required.
    func optionalFindings(_ domain: String, _ results: DNSLookupResults) -> [CheckFinding] {
        let checks: [(String, String, String, String)] = [
            ("MTA-STS", "_mta-sts." + domain, "v=STSv1",
             "publish _mta-sts.\(domain). IN TXT \"v=STSv1; id=1\" and serve https://mta-sts.\(domain)/.well-known/mta-sts.txt"),
            ("TLS-RPT", "_smtp._tls." + domain, "v=TLSRPTv1",
             "publish _smtp._tls.\(domain). IN TXT \"v=TLSRPTv1; rua=mailto:postmaster@\(domain)\""),
        ]
        return checks.map { label, name, version, fix in
            switch results.texts(name) {
            case .success(let texts) where texts.contains(where: { Self.hasTag($0, version) }):
                return CheckFinding(.ok, "dns", "\(label) of \(domain) is published")
            case .success:
                return CheckFinding(.optional, "dns", "\(label) of \(domain) is not published (optional)", fix: fix)
            case .failure(let why):
                return CheckFinding(.optional, "dns", "\(label) of \(domain): cannot check (\(why.reason)) (optional)", fix: fix)
            }
        }
    }

    // MARK: - Record text

    /// Whether the record starts with the version tag (`v=spf1`, `v=DMARC1`…), any case.
    static func hasTag(_ text: String, _ version: String) -> Bool {
        let trimmed = text.drop { $0 == " " }.lowercased()
        let v = version.lowercased()
        guard trimmed.hasPrefix(v) else { return false }
        let rest = trimmed.dropFirst(v.count)
        return rest.isEmpty || rest.first == " " || rest.first == ";"
    }

    /// The value of tag `name` in a `tag=value; …` list (RFC 6376 §3.2), whitespace removed.
    static func tag(_ name: String, in text: String) -> String? {
        for part in text.split(separator: ";") {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, pieces[0].trimmingCharacters(in: .whitespaces) == name else { continue }
            return pieces[1].filter { !$0.isWhitespace }
        }
        return nil
    }
}
