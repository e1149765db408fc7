import Foundation

/// Where an included script lives (RFC 6609 §3.2).
/// `:personal` (the user's own scripts) or `:global` (the administrator's).
public enum SieveIncludeLocationKind: String, Sendable, Hashable {
    case personal, global
}

/// Everything outside the message that a run depends on. All state lives with the caller:
/// the interpreter only asks through these closures and returns what to record.
public struct SieveEnvironment: Sendable {
    /// The user's own addresses (vacation: "was it addressed to me?", RFC 5230 §4.5).
    public var userAddresses: [String]
    /// "Now" for `currentdate` (RFC 5260 §5).
    public var currentDate: Date
    /// The zone `date` and `currentdate` use without :zone.
    public var timeZone: TimeZone
    /// The antispam score (nil: the message was not scanned → spamtest gives "0").
    public var spamScore: Double?
    /// The score that means "certainly spam" (spamtest "10", :percent "100").
    public var spamScoreMaximum: Double
    /// Answers `mailboxexists` (RFC 5490 §3.1).
    public var mailboxExists: @Sendable (String) -> Bool
    /// Answers `duplicate` (RFC 7352): true when this key was recorded and has not expired.
    public var isDuplicate: @Sendable (SieveDuplicateKey) -> Bool
    /// Returns the source of an included script, or nil when there is none (RFC 6609).
    public var loadScript: @Sendable (String, SieveIncludeLocationKind) -> String?
    /// Capabilities for included scripts and the limits of the run.
    public var extensions: Set<SieveExtension>
    public var limits: SieveLimits
    /// Between the user and the detail of a subaddress (RFC 5233).
    public var subaddressSeparator: Character
    /// Vacation period bounds in seconds for `:days` and the default (RFC 5230 §4.1 lets
    /// the site clamp :days: a minimum above 0, a maximum above 7 days).
    public var vacationDefaultPeriod: Int
    public var vacationMinimumPeriod: Int
    public var vacationMaximumPeriod: Int
    /// Bounds for `:seconds` (RFC 6131); nil: the `:days` bounds above.
    public var vacationSecondsMinimum: Int?
    public var vacationSecondsMaximum: Int?
    /// Default duplicate tracking period in seconds (RFC 7352 §3.3).
    public var duplicateDefaultPeriod: Int

    public init(userAddresses: [String] = [], currentDate: Date = Date(), timeZone: TimeZone = .current,
                spamScore: Double? = nil, spamScoreMaximum: Double = 10,
                mailboxExists: @escaping @Sendable (String) -> Bool = { $0.uppercased() == "INBOX" },
                isDuplicate: @escaping @Sendable (SieveDuplicateKey) -> Bool = { _ in false },
                loadScript: @escaping @Sendable (String, SieveIncludeLocationKind) -> String? = { _, _ in nil },
                extensions: Set<SieveExtension> = Set(SieveExtension.allCases), limits: SieveLimits = .default,
                subaddressSeparator: Character = "+",
                vacationDefaultPeriod: Int = 7 * 86_400, vacationMinimumPeriod: Int = 86_400,
                vacationMaximumPeriod: Int = 60 * 86_400, duplicateDefaultPeriod: Int = 7 * 86_400,
                vacationSecondsMinimum: Int? = nil, vacationSecondsMaximum: Int? = nil) {
        self.userAddresses = userAddresses
        self.currentDate = currentDate
        self.timeZone = timeZone
        self.spamScore = spamScore
        self.spamScoreMaximum = spamScoreMaximum
        self.mailboxExists = mailboxExists
        self.isDuplicate = isDuplicate
        self.loadScript = loadScript
        self.extensions = extensions
        self.limits = limits
        self.subaddressSeparator = subaddressSeparator
        self.vacationDefaultPeriod = vacationDefaultPeriod
        self.vacationMinimumPeriod = vacationMinimumPeriod
        self.vacationMaximumPeriod = vacationMaximumPeriod
        self.duplicateDefaultPeriod = duplicateDefaultPeriod
        self.vacationSecondsMinimum = vacationSecondsMinimum
        self.vacationSecondsMaximum = vacationSecondsMaximum
    }

    /// spamtest's value (RFC 5235 §3.1): "0" untested, else 1…10; with :percent 0…100.
    func spamTestValue(percent: Bool) -> String {
        guard let score = spamScore, score.isFinite, spamScoreMaximum > 0 else { return "0" }
        let ratio = min(max(score / spamScoreMaximum, 0), 1)
        let percentage = Int((ratio * 100).rounded())
        return percent ? String(percentage) : String(1 + percentage * 9 / 100)
    }
}
