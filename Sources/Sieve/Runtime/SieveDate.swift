import Foundation
import MailCore

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

    /// A date part of RFC 5260 §4.2 in this date's zone; nil for an unknown part.
    func part(_ name: String) -> String? {
        let local = timestamp + offset
        let dayNumber = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondsOfDay = local - dayNumber * 86_400
        let (year, month, day) = CivilCalendar.civil(fromDayNumber: dayNumber)
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
