/// One line of `postino check`: what was looked at, what was found and, when something
/// is wrong or missing, the fix.
public struct CheckFinding: Codable, Sendable, Hashable {
    public enum Level: String, Codable, Sendable, Hashable, CaseIterable {
        /// As it should be.
        case ok
        /// Optional (MTA-STS, TLS-RPT): reported, never a failure.
        case optional
        /// Worth fixing, but mail flows.
        case warning
        /// Wrong, or could not be verified: `check` exits 1.
        case fail
    }

    public var level: Level
    /// `hostname`, `dns`, `tls`, `listeners`, `domains`.
    public var area: String
    public var message: String
    /// What to do (a record to publish, a command to run); nil when nothing is to do.
    public var fix: String?

    public init(_ level: Level, _ area: String, _ message: String, fix: String? = nil) {
        self.level = level
        self.area = area
        self.message = message
        self.fix = fix
    }

    /// The one line printed: `FAIL  dns        example.com has no MX record — fix: publish …`.
    public var line: String {
        let tag = ["ok": "ok", "optional": "opt", "warning": "WARN", "fail": "FAIL"][level.rawValue] ?? level.rawValue
        let head = tag.padding(toLength: 5, withPad: " ", startingAt: 0) + area.padding(toLength: 10, withPad: " ", startingAt: 0)
        return head + message + (fix.map { " — fix: \($0)" } ?? "")
    }
}

extension Array where Element == CheckFinding {
    /// Whether `check` should exit 0.
    public var allWell: Bool { !contains { $0.level == .fail } }
}
