import Durability
import Foundation
import Intake
import Logging
import MailAuth

/// Inbound mail authentication as a filter stage (SPEC 7): SPF, DKIM, DMARC and ARC
/// checked by `MailAuth.InboundAuthenticator`, their symbols handed on to the antispam
/// scorer, and one `Authentication-Results` field (RFC 8601) at the top of the message —
/// any field claiming our authserv-id removed first (§5). Mail from outside only: port 25
/// and connectors (no client IP: `spf=none`); submitted mail is not checked, and clients
/// in `smtp.relay_ips` skip the filter. DNS failures are results (`temperror`), never a
/// `451` by themselves. `mailauth.dmarc.enforce` decides what a DMARC failure does.
public struct MailAuthenticationStage: IntakeStage {
    public let name = "mail-authentication"
    let authenticator: @Sendable (_ timeout: TimeInterval) -> InboundAuthenticator
    let settings: FilterSettingsSource
    let logger: Logger
    /// The weight of each symbol (the antispam weight table); nil: all 0.
    let weigh: (@Sendable (String) -> Double)?
    /// Larger messages are not checked (the whole message is needed in memory for the
    /// DKIM body hash); their field says `none` with the reason.
    public static let maximumSize = 10 << 20

    public init(settings: FilterSettingsSource, logger: Logger, weigh: (@Sendable (String) -> Double)? = nil,
                authenticator: @escaping @Sendable (_ timeout: TimeInterval) -> InboundAuthenticator) {
        self.weigh = weigh
        self.settings = settings
        self.logger = logger
        self.authenticator = authenticator
    }

    public func applies(to context: IntakeContext) -> Bool {
        switch context.origin {
        case .mx, .connector: return true
        case .submission, .relayClient, .generated: return false
        }
    }

    public func evaluate(_ message: IntakeMessage, _ context: IntakeContext) async -> StageOutcome {
        let metadata: Logger.Metadata = ["qid": "\(context.queueID)"]
        let current: FilterSettings
        let bytes: [UInt8]?
        do {
            (current, bytes) = try await BlockingIO.run { [settings] in
                (try settings.current(), try message.bytes(limit: Self.maximumSize))
            }
        } catch {
            logger.error("filter: cannot read the message for mail authentication: \(error)", metadata: metadata)
            return StageOutcome(.tempfail(IntakeReply(451, "4.3.0", "Temporary filter failure, try again later")))
        }
        let ours = current.hostname
        let removeOurs = HeaderEdit.remove { name, value in
            name.lowercased() == "authentication-results" && AuthenticationResults.authservID(ofFieldValue: value)?.lowercased() == ours.lowercased()
        }
        guard let bytes else {
            let value = "\(ours); none (message too large to check)"
            return StageOutcome(headerEdits: [removeOurs, .prepend(name: "Authentication-Results", value: value)],
                                symbols: [ScoreSymbol("AUTH_SKIPPED", detail: "larger than \(Self.maximumSize) octets")],
                                marks: [FilterMarks.authenticationResults: value])
        }
        let clientIP: String? = if case .connector = context.origin { nil } else { context.envelope.clientAddress }
        let checker = authenticator(current.timeBudget)
        let report = await checker.check(
            message: bytes, clientIP: clientIP, helo: context.envelope.heloName ?? "unknown",
            mailFrom: context.envelope.sender, authservID: ours)
        if report.timedOut { logger.warning("filter: mail authentication timed out (temperror)", metadata: metadata) }
        // Nothing checked (`--no-network`) is no evidence: those symbols weigh nothing.
        let symbols = report.symbols.map {
            ScoreSymbol($0.name, weight: checker.noNetwork ? 0 : weigh?($0.name) ?? 0, detail: $0.detail)
        }
        var edits = [removeOurs, HeaderEdit.prepend(name: "Authentication-Results", value: report.authenticationResults)]
        let marks = [FilterMarks.authenticationResults: report.authenticationResults]
        switch report.dmarcAction(current.dmarcEnforcement) {
        case .deliver:
            break
        case .junk:
            edits.append(.prepend(name: "X-Spam", value: "Yes"))
            return StageOutcome(headerEdits: edits, symbols: symbols,
                                marks: marks.merging([FilterMarks.dmarcJunk: report.dmarc.policyDomain ?? ""]) { $1 })
        case .reject:
            let domain = report.dmarc.policyDomain ?? report.dmarc.authorDomains.first ?? "the sender's domain"
            return StageOutcome(.refuse(IntakeReply(550, "5.7.1", "Message rejected: DMARC policy of \(domain) says reject")),
                                symbols: symbols, marks: marks)
        }
        return StageOutcome(headerEdits: edits, symbols: symbols, marks: marks)
    }
}
