/// What IMAP dates need besides MailCore's `CivilCalendar`: English month names and
/// floor division for timestamps before 1970.
enum IMAPCalendar {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// 1...12 for an English month abbreviation in any case.
    static func month(named bytes: some Collection<UInt8>) -> Int? {
        guard bytes.count == 3 else { return nil }
        let name = IMAPCharacterClass.uppercased(bytes)
        return monthNames.firstIndex { $0.uppercased() == name }.map { $0 + 1 }
    }

    /// Floor division, for negative timestamps.
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
