import Durability
import Intake
import Logging
import MailCore

/// Allow from / Allow to / Block from (SPEC 8 "Rules"). Block from matches the envelope
/// sender or the From header; Allow from the envelope sender only (a forged From must not
/// skip the antivirus); Allow to only when every recipient is allowed. Allow beats Block.
/// An allowed message is marked so antivirus and antispam skip it; the attachment blocker
/// still runs.
public struct AccessRuleStage: IntakeStage {
    public let name = "access-rules"
    let store: any FilterStateStore
    let settings: FilterSettingsSource
    let quarantine: QuarantineRouter
    let logger: Logger

    public static let blockWeight = 20.0
    public static let allowWeight = -20.0

    public init(store: any FilterStateStore, settings: FilterSettingsSource, quarantine: QuarantineRouter, logger: Logger) {
        self.store = store
        self.settings = settings
        self.quarantine = quarantine
        self.logger = logger
    }

    public func applies(to context: IntakeContext) -> Bool { context.origin.isFiltered }

    public func evaluate(_ message: IntakeMessage, _ context: IntakeContext) async -> StageOutcome {
        let rules: [AccessRule]
        do {
            rules = try await store.rules()
        } catch {
            logger.error("filter: cannot read the access rules: \(error)", metadata: ["qid": "\(context.queueID)"])
            return StageOutcome(.tempfail(IntakeReply(451, "4.3.0", "Temporary filter failure, try again later")))
        }
        guard !rules.isEmpty else { return .accept }
        let sender = context.envelope.sender
        let fromHeader = Message(bytes: message.header).from.map { $0.address.description }
        let recipients = context.envelope.recipients
        if let rule = rules.first(where: { $0.kind == .allowFrom && $0.matches(sender) }) {
            return allowed(rule, detail: sender)
        }
        if !recipients.isEmpty,
           let rule = rules.first(where: { rule in rule.kind == .allowTo && recipients.allSatisfy(rule.matches) }) {
            return allowed(rule, detail: recipients.joined(separator: ","))
        }
        let candidates = [sender] + fromHeader
        for rule in rules where rule.kind == .blockFrom {
            guard let hit = candidates.first(where: rule.matches) else { continue }
            let symbol = ScoreSymbol(rule.symbol, weight: Self.blockWeight, detail: rule.value)
            if rule.action == .quarantine, let target = await quarantine.deliveries(context) {
                let reason = "block rule \(rule.value)"
                let notice = quarantine.notice(context, reason: reason, symbols: context.symbols + [symbol])
                return StageOutcome(.quarantine(deliveries: target, reason: reason), symbols: [symbol],
                                    notices: notice.map { [$0] } ?? [])
            }
            return StageOutcome(.refuse(IntakeReply(554, "5.7.1", "Message refused: sender <\(hit)> is blocked")),
                                symbols: [symbol])
        }
        return .accept
    }

    private func allowed(_ rule: AccessRule, detail: String) -> StageOutcome {
        StageOutcome(symbols: [ScoreSymbol(rule.symbol, weight: Self.allowWeight, detail: rule.value)],
                     marks: [FilterMarks.allowed: "\(rule.kind.rawValue) \(rule.value)"])
    }
}

/// Names of the marks the filter's stages leave for each other.
public enum FilterMarks {
    /// Set by an allow rule: antivirus and antispam skip the message.
    public static let allowed = "allowed"
    /// The Authentication-Results value mail authentication added.
    public static let authenticationResults = "authentication-results"
    /// DMARC failed and `mailauth.dmarc.enforce` says deliver as spam (the policy domain).
    public static let dmarcJunk = "dmarc-junk"
    /// The spam score reached `filter.spam.flag`: delivered with `X-Spam: Yes`.
    public static let flagged = "spam-flagged"
    /// Deferred by greylisting.
    public static let greylisted = "greylisted"
}
