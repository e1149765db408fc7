/// One DNS blocklist from `filter.spam.dnsbl` / `filter.spam.uribl`: `zone[=weight]`,
/// optionally restricted to return codes: `zone:127.0.0.2|127.0.0.4=3`.
public struct BlocklistZone: Sendable, Hashable {
    public var zone: String
    public var weight: Double
    /// Answers that count as a listing (nil: any 127.x answer except 127.255.255.x).
    public var codes: Set<String>?

    public init(zone: String, weight: Double, codes: Set<String>? = nil) {
        self.zone = zone.lowercased().trimming(".")
        self.weight = weight
        self.codes = codes
    }

    /// Default client blocklists (Spamhaus ZEN's return codes: SBL, CSS, XBL, PBL).
    public static let defaultClientLists = "zen.spamhaus.org:127.0.0.2|127.0.0.3|127.0.0.4|127.0.0.9|127.0.0.10|127.0.0.11=4, bl.spamcop.net=2"
    /// Default URI blocklists.
    public static let defaultURILists = "dbl.spamhaus.org=4, multi.uribl.com:127.0.0.2=3"

    /// Parses a comma/space separated list; nil with the offending item when invalid.
    public static func parseList(_ text: String, defaultWeight: Double = 4) -> Result<[BlocklistZone], BlocklistListError> {
        var zones: [BlocklistZone] = []
        for item in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).flatMap({ $0.split(separator: ",") })
        where !item.isEmpty {
            var rest = Substring(item)
            var weight = defaultWeight
            if let eq = rest.lastIndex(of: "=") {
                guard let w = Double(rest[rest.index(after: eq)...]), w.isFinite else { return .failure(.init(item: String(item))) }
                weight = w
                rest = rest[..<eq]
            }
            var codes: Set<String>?
            if let colon = rest.firstIndex(of: ":") {
                let list = rest[rest.index(after: colon)...].split(separator: "|").map(String.init)
                guard !list.isEmpty, list.allSatisfy({ IPAddressText.ipv4($0) != nil }) else { return .failure(.init(item: String(item))) }
                codes = Set(list)
                rest = rest[..<colon]
            }
            let zone = String(rest)
            guard zone.contains("."), zone.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }) else {
                return .failure(.init(item: String(item)))
            }
            zones.append(BlocklistZone(zone: zone, weight: weight, codes: codes))
        }
        return .success(zones)
    }

    /// Whether an A answer of this list means "listed".
    func isListing(_ answer: String) -> Bool {
        guard answer.hasPrefix("127."), !BlocklistZone.isPolicyAnswer(answer) else { return false }
        return codes.map { $0.contains(answer) } ?? true
    }

    /// 127.255.255.x: the list refuses to answer (public resolver, over quota), not a listing.
    static func isPolicyAnswer(_ answer: String) -> Bool { answer.hasPrefix("127.255.255.") }
}

public struct BlocklistListError: Error, Sendable, Equatable {
    public var item: String
}
