/// A Date header field read leniently (RFC 5322 §3.3 and the obsolete forms of §4.3):
/// optional day name, 1–2 digit day, month name, 2–4 digit year, hh:mm[:ss], numeric or
/// named zone, comments anywhere.
public struct RFC5322Date: Hashable, Sendable {
    /// The calendar date as written (in the header's own zone): what SEARCH SENTBEFORE,
    /// SENTON and SENTSINCE compare (RFC 3501 §6.4.4).
    public let date: IMAPDate
    /// The instant, for SORT DATE (RFC 5256 §2.2): an unreadable zone counts as UTC and
    /// an unreadable time as 00:00:00.
    public let instant: IMAPDateTime

    /// Nil when no date can be read.
    public init?(_ value: some Collection<UInt8>) {
        // Comments out, commas to spaces, then split into words.
        var cleaned: [UInt8] = []
        var depth = 0
        for b in value {
            if b == 0x28 { depth += 1; continue }
            if b == 0x29 { if depth > 0 { depth -= 1 }; continue }
            guard depth == 0 else { continue }
            cleaned.append(b == 0x2C || b == 0x09 || b == 0x0D || b == 0x0A ? 0x20 : b)
        }
        var words = cleaned.split(separator: 0x20).map(Array.init)
        // Day name.
        if let first = words.first, first.count >= 3, first.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }),
           IMAPCalendar.month(named: first) == nil {
            words.removeFirst()
        }
        guard words.count >= 3, let dayValue = IMAPDateTime.decimal(words[0]), words[0].count <= 2 else { return nil }
        // "Jul" or "July"…
        guard words[1].count >= 3, let month = IMAPCalendar.month(named: words[1].prefix(3)) else { return nil }
        guard (2...4).contains(words[2].count), var year = IMAPDateTime.decimal(words[2]) else { return nil }
        if words[2].count < 4 { year += year < 50 ? 2000 : 1900 }  // RFC 5322 §4.3
        guard let date = IMAPDate(year: year, month: month, day: dayValue) else { return nil }
        self.date = date

        var hour = 0, minute = 0, second = 0
        var zone = 0
        if words.count >= 4 {
            let time = words[3].split(separator: 0x3A, omittingEmptySubsequences: false)
            if (2...3).contains(time.count), let h = IMAPDateTime.decimal(time[0]), let m = IMAPDateTime.decimal(time[1]),
               h < 24, m < 60 {
                let s = time.count == 3 ? IMAPDateTime.decimal(time[2]) ?? 0 : 0
                hour = h
                minute = m
                second = min(s, 59)
                if words.count >= 5 { zone = RFC5322Date.zoneOffset(words[4]) ?? 0 }
            }
        }
        instant = IMAPDateTime(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute,
                               second: second, zoneOffsetMinutes: zone)
            ?? IMAPDateTime(secondsSince1970: Int64(date.dayNumber) * 86_400)
    }

    /// `+hhmm` / `-hhmm`, or the obsolete names of RFC 5322 §4.3 (military letters count as
    /// +0000, as the RFC advises).
    static func zoneOffset(_ word: [UInt8]) -> Int? {
        if word.count == 5, let sign = word.first, sign == 0x2B || sign == 0x2D,
           let hhmm = IMAPDateTime.decimal(word.dropFirst()), hhmm % 100 < 60, hhmm / 100 < 24 {
            return (hhmm / 100 * 60 + hhmm % 100) * (sign == 0x2D ? -1 : 1)
        }
        switch IMAPCharacterClass.uppercased(word) {
        case "UT", "UTC", "GMT", "Z": return 0
        case "EDT": return -4 * 60
        case "EST", "CDT": return -5 * 60
        case "CST", "MDT": return -6 * 60
        case "MST", "PDT": return -7 * 60
        case "PST": return -8 * 60
        default: return nil
        }
    }

    public init?(_ value: String) {
        self.init(Array(value.utf8))
    }
}
