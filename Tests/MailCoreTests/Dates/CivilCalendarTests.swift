import Testing
@testable import MailCore

@Suite("Civil calendar (proleptic Gregorian day numbers)")
struct CivilCalendarTests {
    @Test(arguments: [
        (1970, 1, 1, 0), (1969, 12, 31, -1), (2000, 2, 29, 11_016), (2000, 3, 1, 11_017),
        (2026, 11, 23, 20_780), (1900, 3, 1, -25_508), (1600, 1, 1, -135_140),
    ])
    func knownDates(year: Int, month: Int, day: Int, number: Int) {
        #expect(CivilCalendar.dayNumber(year: year, month: month, day: day) == number)
        #expect(CivilCalendar.civil(fromDayNumber: number) == (year, month, day))
    }

    @Test func everyDayOfFourCenturiesRoundTripsInOrder() {
        var expected = CivilCalendar.dayNumber(year: 1800, month: 1, day: 1)
        var wrong: [(Int, Int, Int)] = []
        for year in 1800..<2200 {
            for month in 1...12 {
                for day in 1...CivilCalendar.daysInMonth(month, year: year) {
                    if CivilCalendar.dayNumber(year: year, month: month, day: day) != expected
                        || CivilCalendar.civil(fromDayNumber: expected) != (year, month, day) {
                        wrong.append((year, month, day))
                    }
                    expected += 1
                }
            }
        }
        #expect(wrong.isEmpty, "first wrong dates: \(wrong.prefix(3))")
        #expect(CivilCalendar.civil(fromDayNumber: expected) == (2200, 1, 1))
    }

    @Test func leapYears() {
        #expect(CivilCalendar.isLeapYear(2000) && CivilCalendar.isLeapYear(2024))
        #expect(!CivilCalendar.isLeapYear(1900) && !CivilCalendar.isLeapYear(2026))
        #expect(CivilCalendar.daysInMonth(2, year: 2024) == 29 && CivilCalendar.daysInMonth(2, year: 2100) == 28)
    }
}
