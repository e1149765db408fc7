/// The DNS Tree Walk of RFC 9989 §4.10, with the lookups of one message remembered (the
/// same `_dmarc` names come up for the Author Domain and the authenticated identifiers).
final class DMARCTreeWalker {
    let dns: any MailAuthDNS
    private var lookups: [String: Lookup] = [:]

    typealias Lookup = DMARCStoredLookup

    struct Walk {
        /// Valid records found, from the longest name to the shortest.
        var found: [(domain: String, record: DMARCRecord)] = []
        var failure: String?
    }

    init(dns: any MailAuthDNS, stored: [String: Lookup] = [:]) {
        self.dns = dns
        self.lookups = stored
    }

    /// The answers so far, to seed another walker.
    var storedLookups: [String: Lookup] { lookups }

    /// The DMARC Policy Record at `_dmarc.domain`: records not starting with `v=DMARC1` are
    /// discarded; several are all discarded (§4.10 step 2).
    func record(at domain: String) async -> Lookup {
        if let known = lookups[domain] { return known }
        let (answer, texts) = await dns.txt("_dmarc.\(domain)")
        let lookup: Lookup
        if case .temporaryFailure(let why) = answer {
            lookup = .failure("_dmarc.\(domain): \(why)")
        } else {
            let records = texts.compactMap(DMARCRecord.init(txt:))
            lookup = records.count == 1 ? .record(records[0]) : .nothing
        }
        lookups[domain] = lookup
        return lookup
    }

    /// Walks from `domain` up (§4.10 steps 1–7): `domain`, then at most seven labels,
    /// then one label fewer each time, stopping at a record with `psd=y` or `psd=n`.
    func walk(from domain: String) async -> Walk {
        var walk = Walk()
        let labels = domain.split(separator: ".").map(String.init)
        guard !labels.isEmpty else { return walk }
        var targets = [labels.count]
        var next = min(labels.count - 1, 7)
        while next >= 1 {
            targets.append(next)
            next -= 1
        }
        for count in targets {
            let target = labels.suffix(count).joined(separator: ".")
            switch await record(at: target) {
            case .failure(let why):
                walk.failure = why
                return walk
            case .nothing:
                continue
            case .record(let record):
                walk.found.append((target, record))
                if record.psd == "y" || record.psd == "n" { return walk }
            }
        }
        return walk
    }

    /// The Organizational Domain of `domain` (§4.10.2), or nil with the DNS failure.
    func organizationalDomain(of domain: String) async -> (domain: String?, failure: String?) {
        let walk = await walk(from: domain)
        if let failure = walk.failure { return (nil, failure) }
        return (Self.organizationalDomain(start: domain, walk.found), nil)
    }

    /// The selection of §4.10.2 over the records a walk found.
    static func organizationalDomain(start: String, _ found: [(domain: String, record: DMARCRecord)]) -> String {
        let startLabels = start.split(separator: ".")
        for (domain, record) in found {
            if record.psd == "n" { return domain }
            if record.psd == "y", domain != start {
                let count = domain.split(separator: ".").count + 1
                return startLabels.suffix(count).joined(separator: ".")
            }
        }
        return found.last?.domain ?? start
    }
}
