import MailCore

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
        let days = CivilCalendar.dayNumber(year: year, month: month, day: day)
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
