import MailCore

/// An IMAP URL carrying `[;EXPIRE=<datetime>];URLAUTH=<access>[:<mech>:<token>]`
/// (RFC 4467 §3, §9: `authimapurlrump` / `authimapurlfull`), split into the parts the
/// server checks. The text is never normalised: the token is computed over the rump
/// exactly as written (§6: no percent-decoding, no case-folding).
public struct IMAPAuthorizedURL: Hashable, Sendable {
    /// Everything before `:<mech>:<token>` — what GENURLAUTH is given and the token signs.
    public var rump: String
    /// Upper-cased; nil for a rump.
    public var mechanism: String?
    /// The hexadecimal token as written; nil for a rump.
    public var token: String?
    public var access: IMAPURLAuthAccess
    /// `;EXPIRE=`: seconds since 1970, UTC.
    public var expiry: Int64?
    /// The decoded `enc-user` of the server part: whose mailbox access key signs the URL
    /// and whose access URLFETCH uses (§7 GENURLAUTH (2), URLFETCH).
    public var owner: String
    /// The message URL alone (before `;EXPIRE=` / `;URLAUTH=`), for the mailbox, UID,
    /// section and partial.
    public var messageURL: String

    /// A rump (`authimapurlrump`), as GENURLAUTH takes it.
    public init?(rump text: String) {
        guard let parsed = Self.parseRump(text) else { return nil }
        self = parsed
    }

    /// A full URL (`authimapurlfull`), as URLFETCH takes it. RFC 4467 §6: split at the
    /// ":" that ends `<access>`; what is before is the rump.
    public init?(full text: String) {
        guard let marker = Self.lastMarker(";URLAUTH=", in: text) else { return nil }
        let afterAccess = text[marker.upperBound...]
        guard let colon = afterAccess.firstIndex(of: ":") else { return nil }
        let mechAndToken = text[text.index(after: colon)...].split(separator: ":", omittingEmptySubsequences: false)
        guard mechAndToken.count == 2, Self.isMechanism(mechAndToken[0]), mechAndToken[1].count >= 32,
              mechAndToken[1].utf8.allSatisfy({ IMAPURLText.hexValue($0) != nil }),
              var parsed = Self.parseRump(String(text[..<colon])) else { return nil }
        parsed.mechanism = mechAndToken[0].uppercased()
        parsed.token = String(mechAndToken[1])
        self = parsed
    }

    /// `rump:mechanism:token` — the URL GENURLAUTH returns (mechanism in lower case, as in
    /// RFC 4467's examples).
    public static func full(rump: String, mechanism: String, token: String) -> String {
        rump + ":" + mechanism.lowercased() + ":" + token
    }

    /// Whether the text has a `;URLAUTH=` part at all (URLFETCH tells authorized URLs from
    /// plain ones by it).
    public static func carriesURLAuth(_ text: String) -> Bool {
        lastMarker(";URLAUTH=", in: text) != nil
    }

    /// Whether `;EXPIRE=` has passed at `now` (RFC 4467 §3: "server implementations MUST
    /// reject the URL" after that date and time).
    public func hasExpired(now: Int64) -> Bool {
        expiry.map { now > $0 } ?? false
    }

    private static func parseRump(_ text: String) -> IMAPAuthorizedURL? {
        guard let marker = lastMarker(";URLAUTH=", in: text),
              let access = IMAPURLAuthAccess(text[marker.upperBound...]) else { return nil }
        var messageEnd = marker.lowerBound
        var expiry: Int64?
        if let expire = lastMarker(";EXPIRE=", in: text, before: marker.lowerBound) {
            guard let seconds = RFC3339DateTime.seconds(String(text[expire.upperBound..<marker.lowerBound])) else { return nil }
            expiry = seconds
            messageEnd = expire.lowerBound
        }
        let messageURL = String(text[..<messageEnd])
        guard let owner = serverUser(messageURL) else { return nil }
        return IMAPAuthorizedURL(rump: text, mechanism: nil, token: nil, access: access, expiry: expiry,
                                 owner: owner, messageURL: messageURL)
    }

    private init(rump: String, mechanism: String?, token: String?, access: IMAPURLAuthAccess, expiry: Int64?,
                 owner: String, messageURL: String) {
        self.rump = rump
        self.mechanism = mechanism
        self.token = token
        self.access = access
        self.expiry = expiry
        self.owner = owner
        self.messageURL = messageURL
    }

    /// `"imap://" enc-user [iauth] "@" hostport "/"`: the user is mandatory here (RFC 4467
    /// §7 GENURLAUTH (2) makes `iuserauth` mandatory).
    static func serverUser(_ url: String) -> String? {
        guard url.lowercased().hasPrefix("imap://") else { return nil }
        let rest = url.dropFirst(7)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let authority = rest[..<slash]
        guard let at = authority.firstIndex(of: "@") else { return nil }
        // `enc-user [";AUTH=" ...]`: enc-user holds no ";".
        let user = authority[..<at].prefix { $0 != ";" }
        guard IMAPURLText.isEncUser(user) else { return nil }
        return IMAPURLText.percentDecoded(user)
    }

    /// `mechanism = "INTERNAL" / 1*(ALPHA / DIGIT / "-" / ".")`.
    static func isMechanism(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x2E
        }
    }

    /// The last case-insensitive occurrence of an ASCII `marker`.
    static func lastMarker(_ marker: String, in text: String, before end: String.Index? = nil) -> Range<String.Index>? {
        let needle = Array(marker.uppercased().utf8)
        let bytes = Array(text.utf8[..<(end ?? text.endIndex)])
        guard bytes.count >= needle.count else { return nil }
        for start in stride(from: bytes.count - needle.count, through: 0, by: -1) {
            var matches = true
            for (i, b) in needle.enumerated() where IMAPCharacterClass.uppercased(bytes[start + i]) != b {
                matches = false
                break
            }
            if matches {
                let lower = text.utf8.index(text.utf8.startIndex, offsetBy: start)
                let upper = text.utf8.index(lower, offsetBy: needle.count)
                return lower..<upper
            }
        }
        return nil
    }
}

/// `date-time` of RFC 3339 §5.6 (`2026-12-07T10:00:00Z`, `…T10:00:00.5+01:00`), as
/// `;EXPIRE=` uses it (RFC 4467 §9).
enum RFC3339DateTime {
    static func seconds(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count, range.allSatisfy({ b[$0] >= 0x30 && b[$0] <= 0x39 }) else { return nil }
            return range.reduce(0) { $0 * 10 + Int(b[$1] - 0x30) }
        }
        guard b.count >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74, b[13] == 0x3A, b[16] == 0x3A,
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(month, year: year),
              hour < 24, minute < 60, second <= 60 else { return nil }
        var i = 19
        if b[i] == 0x2E {
            i += 1
            let start = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D {
            guard let h = number(i + 1..<i + 3), i + 3 < b.count, b[i + 3] == 0x3A, let m = number(i + 4..<i + 6),
                  h < 24, m < 60 else { return nil }
            offset = (h * 60 + m) * 60 * (b[i] == 0x2B ? 1 : -1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = CivilCalendar.dayNumber(year: year, month: month, day: day)
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offset)
    }
}
