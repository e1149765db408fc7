import Foundation

/// "+hhmm" / "-hhmm" zone offsets (RFC 5260 §4.1).
enum SieveTimeZoneOffset {
    /// Seconds east of UTC.
    static func parse(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"),
              bytes[1...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let digits = bytes[1...].map { Int($0 - 0x30) }
        let hours = digits[0] * 10 + digits[1], minutes = digits[2] * 10 + digits[3]
        guard hours <= 23, minutes <= 59 else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return bytes[0] == UInt8(ascii: "-") ? -seconds : seconds
    }

    static func format(_ offset: Int) -> String {
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return sign + pad(minutes / 60, 2) + pad(minutes % 60, 2)
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

/// An instant with the zone offset it is shown in.
struct SieveDateTime: Sendable, Equatable {
    /// Seconds since 1970-01-01T00:00:00Z.
    var timestamp: Int
    /// Seconds east of UTC.
    var offset: Int

    /// Days since 1970-01-01 of a civil date (proleptic Gregorian).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// A date part of RFC 5260 §4.2 in this date's zone; nil for an unknown part.
    func part(_ name: String) -> String? {
        let local = timestamp + offset
        let dayNumber = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondsOfDay = local - dayNumber * 86_400
        let (year, month, day) = Self.civil(days: dayNumber)
        let hour = secondsOfDay / 3600, minute = secondsOfDay % 3600 / 60, second = secondsOfDay % 60
        let weekday = ((dayNumber % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday (4)
        let date = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        let time = pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
        switch name.asciiLowercasedForSieve {
        case "year": return pad(year, 4)
        case "month": return pad(month, 2)
        case "day": return pad(day, 2)
        case "date": return date
        case "julian": return String(dayNumber + 40_587)  // Modified Julian Day of 1970-01-01
        case "hour": return pad(hour, 2)
        case "minute": return pad(minute, 2)
        case "second": return pad(second, 2)
        case "time": return time
        case "iso8601":
            // RFC 3339 §5.6 time-offset: "Z" for UTC.
            if offset == 0 { return date + "T" + time + "Z" }
            let zone = SieveTimeZoneOffset.format(offset)
            return date + "T" + time + String(zone.prefix(3)) + ":" + String(zone.suffix(2))
        case "std11":
            let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return "\(days[weekday]), \(day) \(months[month - 1]) \(pad(year, 4)) \(time) \(SieveTimeZoneOffset.format(offset))"
        case "zone": return SieveTimeZoneOffset.format(offset)
        case "weekday": return String(weekday)
        default: return nil
        }
    }

    func shifted(to offset: Int) -> SieveDateTime { SieveDateTime(timestamp: timestamp, offset: offset) }

    /// The instant of a Foundation date in a zone.
    init(date: Date, timeZone: TimeZone) {
        let seconds = date.timeIntervalSince1970
        timestamp = seconds.isFinite ? Int(max(min(seconds.rounded(.down), 1e15), -1e15)) : 0
        offset = timeZone.secondsFromGMT(for: date)
    }

    init(timestamp: Int, offset: Int) {
        self.timestamp = timestamp
        self.offset = offset
    }
}

/// RFC 5322 §3.3 date-time parsing, with the obsolete forms of §4.3 (two-digit years,
/// named zones), lenient about blanks and comments.
enum SieveDateParser {
    static func parse(_ text: String) -> SieveDateTime? {
        // Comments such as "(CET)" carry nothing the date needs.
        var cleaned = ""
        var depth = 0
        for ch in text {
            if ch == "(" { depth += 1; continue }
            if ch == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { cleaned.append(ch == "," ? " " : ch) }
        }
        var tokens = cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).map(String.init)
        guard !tokens.isEmpty else { return nil }
        if tokens[0].first?.isLetter == true { tokens.removeFirst() }  // day-of-week
        guard tokens.count >= 4, let day = Int(tokens[0]), (1...31).contains(day) else { return nil }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let monthIndex = months.firstIndex(of: String(tokens[1].lowercased().prefix(3))), tokens[1].count >= 3 else { return nil }
        guard var year = Int(tokens[2]), tokens[2].count >= 2 else { return nil }
        if tokens[2].count == 2 { year += year < 50 ? 2000 : 1900 } else if tokens[2].count == 3 { year += 1900 }
        guard year <= 9999 else { return nil }
        let timeParts = tokens[3].split(separator: ":", omittingEmptySubsequences: false)
        guard timeParts.count == 2 || timeParts.count == 3,
              let hour = Int(timeParts[0]), let minute = Int(timeParts[1]),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        var second = 0
        if timeParts.count == 3 {
            guard let s = Int(timeParts[2]), (0...60).contains(s) else { return nil }
            second = min(s, 59)
        }
        let month = monthIndex + 1
        let maximumDay = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][monthIndex]
        guard day <= maximumDay else { return nil }
        var offset = 0
        if tokens.count >= 5 {
            guard let zone = zoneOffset(tokens[4]) else { return nil }
            offset = zone
        }
        let days = SieveDateTime.days(year: year, month: month, day: day)
        let local = days * 86_400 + hour * 3600 + minute * 60 + second
        return SieveDateTime(timestamp: local - offset, offset: offset)
    }

    private static func zoneOffset(_ token: String) -> Int? {
        if let numeric = SieveTimeZoneOffset.parse(token) { return numeric }
        switch token.uppercased() {
        case "UT", "GMT", "Z": return 0
        case "EST": return -5 * 3600
        case "EDT": return -4 * 3600
        case "CST": return -6 * 3600
        case "CDT": return -5 * 3600
        case "MST": return -7 * 3600
        case "MDT": return -6 * 3600
        case "PST": return -8 * 3600
        case "PDT": return -7 * 3600
        default:
            // RFC 5322 §4.3: other (military) zones are treated as "-0000".
            return token.count == 1 && token.first?.isLetter == true ? 0 : nil
        }
    }
}
