import MailCore

/// A calendar date without time or zone: SEARCH BEFORE/ON/SINCE and SENT* compare
/// dates only (RFC 3501 §6.4.4).
public struct IMAPDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless the date exists (year 1...9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilCalendar.daysInMonth(month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    init(dayNumber: Int) {
        let c = CivilCalendar.civil(fromDayNumber: dayNumber)
        year = c.year
        month = c.month
        day = c.day
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int { CivilCalendar.dayNumber(year: year, month: month, day: day) }

    public static func < (a: IMAPDate, b: IMAPDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `date-text`: "1-Feb-1994".
    public var description: String { "\(day)-\(IMAPCalendar.monthNames[month - 1])-\(year)" }

    /// Parses `date-text` (`1*2DIGIT "-" month "-" 4DIGIT`), without quotes.
    public static func parse(_ bytes: some Collection<UInt8>) -> IMAPDate? {
        let parts = Array(bytes).split(separator: 0x2D, omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), parts[2].count == 4,
              let day = IMAPDateTime.decimal(parts[0]), let month = IMAPCalendar.month(named: parts[1]),
              let year = IMAPDateTime.decimal(parts[2]) else { return nil }
        return IMAPDate(year: year, month: month, day: day)
    }
}
