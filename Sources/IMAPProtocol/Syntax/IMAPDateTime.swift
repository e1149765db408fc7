/// An instant with the zone it was expressed in: INTERNALDATE (RFC 3501 `date-time`,
/// "17-Jul-1996 02:44:25 -0700") and the time of a Date header field.
public struct IMAPDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSince1970: Int64
    /// Minutes east of UTC in which the time is expressed (-1439...1439).
    public let zoneOffsetMinutes: Int

    /// Instants outside years 1–9999 are clamped to that range.
    public init(secondsSince1970: Int64, zoneOffsetMinutes: Int = 0) {
        self.secondsSince1970 = max(-62_135_596_800, min(253_402_300_799, secondsSince1970))
        self.zoneOffsetMinutes = max(-1439, min(1439, zoneOffsetMinutes))
    }

    /// Nil when a field is out of range.
    public init?(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, zoneOffsetMinutes: Int) {
        guard let date = IMAPDate(year: year, month: month, day: day), (0...23).contains(hour),
              (0...59).contains(minute), (0...60).contains(second), abs(zoneOffsetMinutes) < 1440 else { return nil }
        let local = Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        self.init(secondsSince1970: local - Int64(zoneOffsetMinutes) * 60, zoneOffsetMinutes: zoneOffsetMinutes)
    }

    public static func < (a: IMAPDateTime, b: IMAPDateTime) -> Bool { a.secondsSince1970 < b.secondsSince1970 }

    /// The wall-clock fields in the own zone.
    var localComponents: (date: IMAPDate, hour: Int, minute: Int, second: Int) {
        let local = secondsSince1970 + Int64(zoneOffsetMinutes) * 60
        let days = IMAPCalendar.floorDivide(local, 86_400)
        let seconds = Int(local - days * 86_400)
        let clampedDays = Int(max(-719_162, min(2_932_896, days)))  // years 1...9999
        return (IMAPDate(dayNumber: clampedDays), seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

    /// The calendar date in the own zone: what SEARCH BEFORE/ON/SINCE compare.
    public var date: IMAPDate { localComponents.date }

    /// `date-time` without the quotes: "dd-Mon-yyyy hh:mm:ss +zzzz" (day space-padded).
    public var description: String {
        let c = localComponents
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let day = c.date.day < 10 ? " \(c.date.day)" : "\(c.date.day)"
        let zone = abs(zoneOffsetMinutes)
        let year = String(repeating: "0", count: max(0, 4 - "\(c.date.year)".count)) + "\(c.date.year)"
        return "\(day)-\(IMAPCalendar.monthNames[c.date.month - 1])-\(year) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) "
            + "\(zoneOffsetMinutes < 0 ? "-" : "+")\(two(zone / 60))\(two(zone % 60))"
    }

    /// Parses `date-time` without its quotes. The day may be "01", " 1" or "1".
    public static func parse(_ input: some Collection<UInt8>) -> IMAPDateTime? {
        var bytes = Array(input)
        if bytes.first == IMAPCharacterClass.space { bytes.removeFirst() }
        let fields = bytes.split(separator: IMAPCharacterClass.space, omittingEmptySubsequences: false)
        guard fields.count == 3, let date = IMAPDate.parse(fields[0]) else { return nil }
        let time = fields[1].split(separator: IMAPCharacterClass.colon, omittingEmptySubsequences: false)
        guard time.count == 3, time.allSatisfy({ $0.count == 2 }),
              let hour = decimal(time[0]), let minute = decimal(time[1]), let second = decimal(time[2]) else { return nil }
        let zone = fields[2]
        guard zone.count == 5, let sign = zone.first, sign == IMAPCharacterClass.plus || sign == IMAPCharacterClass.minus,
              let hhmm = decimal(zone.dropFirst()), hhmm % 100 < 60 else { return nil }
        let offset = (hhmm / 100 * 60 + hhmm % 100) * (sign == IMAPCharacterClass.minus ? -1 : 1)
        return IMAPDateTime(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute,
                            second: second, zoneOffsetMinutes: offset)
    }

    /// A short run of ASCII digits as a number.
    static func decimal(_ bytes: some Collection<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for b in bytes {
            guard IMAPCharacterClass.isDigit(b) else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }
}
