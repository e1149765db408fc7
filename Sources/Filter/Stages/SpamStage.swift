import Antispam
import Durability
import Foundation
import Intake
import Logging

/// The antispam checks (SPEC 8) as the filter's last stage: the engine's rules and Bayes
/// (`Antispam.SpamEngine`) added to what earlier stages scored (access rules, SPF/DKIM/
/// DMARC/ARC weighted by the same table), then the three thresholds — score ≥ greylist:
/// greylisting for unknown senders (not authenticated, not trusted, not connector mail);
/// ≥ flag: delivered with `X-Spam: Yes` and the prefix; ≥ deny: refused `554 5.7.1`, or
/// quarantined when quarantine is on. Allowed senders skip it; so does submitted mail for
/// greylisting. Flagged and quarantined mail gets `X-Spam-Score` and `X-Spam-Status`.
public struct SpamStage: IntakeStage {
    public let name = "antispam"
    let engine: SpamEngine
    let greylist: Greylist?
    let settings: FilterSettingsSource
    let quarantine: QuarantineRouter
    let logger: Logger
    /// DNS blocklists of the client address and of URL domains; nil: none.
    let blocklists: BlocklistLookups?
    /// Larger messages are not scored (their content is read whole).
    public static let maximumSize = 10 << 20

    public init(engine: SpamEngine, greylist: Greylist?, settings: FilterSettingsSource, quarantine: QuarantineRouter,
                logger: Logger, blocklists: BlocklistLookups? = nil) {
        self.blocklists = blocklists
        self.engine = engine
        self.greylist = greylist
        self.settings = settings
        self.quarantine = quarantine
        self.logger = logger
    }

    public func applies(to context: IntakeContext) -> Bool {
        context.origin.isFiltered && context.marks[FilterMarks.allowed] == nil && context.marks["quarantine"] == nil
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
            logger.error("filter: cannot read the message for the spam checks: \(error)", metadata: metadata)
            return StageOutcome(.tempfail(IntakeReply(451, "4.3.0", "Temporary filter failure, try again later")))
        }
        let spam = current.spam
        guard spam.enabled else { return .accept }
        guard let bytes else {
            return StageOutcome(symbols: [ScoreSymbol("SPAM_SKIPPED", detail: "larger than \(Self.maximumSize) octets")])
        }
        // The Bayes minimums are settings: the same rules and model, with today's minimums.
        let engine = (try? SpamEngine(rules: self.engine.rules, weights: self.engine.weights, bayes: self.engine.bayes,
                                      identity: self.engine.identity, bayesMinimum: spam.bayesMinimum)) ?? self.engine
        let parsed = SpamMessage(bytes: bytes, identity: engine.identity)
        let listed = await blocklistSymbols(parsed, context, spam, budget: current.timeBudget)
        let analysis: SpamAnalysis
        do {
            analysis = try await engine.analyze(parsed, extraSymbols: listed)
        } catch {
            // Without the model the rules still count; the log says why Bayes is missing.
            logger.error("filter: Bayes unavailable: \(error)", metadata: metadata)
            return StageOutcome(symbols: [ScoreSymbol("BAYES_ERROR", detail: "\(error)")])
        }
        let symbols = analysis.symbols.map { ScoreSymbol($0.name, weight: $0.weight, detail: $0.detail) }
        let all = context.symbols + symbols
        let score = all.reduce(0) { $0 + $1.weight }
        let status = all.filter { $0.weight != 0 }.map { "\($0.name)(\(SpamAnalysis.format($0.weight)))" }.joined(separator: ", ")
        // Only mail at or above the flag threshold carries the score fields (the log line
        // has every verdict): ham is delivered as it came, but for the trace fields.
        var edits: [HeaderEdit] = [
            .prepend(name: "X-Spam-Score", value: SpamAnalysis.format(score)),
            .prepend(name: "X-Spam-Status", value: (score >= spam.flagScore ? "Yes" : "No") + ", score=\(SpamAnalysis.format(score)) required=\(SpamAnalysis.format(spam.flagScore)) tests=[\(status)]"),
        ]
        if score >= spam.denyScore {
            if let target = await quarantine.deliveries(context) {
                let reason = "spam score \(SpamAnalysis.format(score))"
                let notice = quarantine.notice(context, reason: reason, symbols: all)
                // Not flagged: the quarantine mailbox's own spam handling (Junk) must not move it.
                return StageOutcome(.quarantine(deliveries: target, reason: reason), headerEdits: edits,
                                    symbols: symbols, notices: notice.map { [$0] } ?? [])
            }
            return StageOutcome(.refuse(IntakeReply(554, "5.7.1", "Message refused as spam (score \(SpamAnalysis.format(score)))")),
                                symbols: symbols)
        }
        if score >= spam.greylistScore, spam.greylistEnabled, let greylist, mayGreylist(context, spam) {
            var deferred = false
            for recipient in context.envelope.recipients {
                let key = GreylistKey(clientAddress: context.envelope.clientAddress ?? "", sender: context.envelope.sender,
                                      recipient: recipient)
                var list = greylist
                list.policy.delay = spam.greylistDelay
                do {
                    if case .defer = try await list.check(key) { deferred = true }
                } catch {
                    logger.error("filter: greylist unavailable, not greylisting: \(error)", metadata: metadata)
                }
            }
            if deferred {
                return StageOutcome(.tempfail(IntakeReply(451, "4.7.1", "Greylisted, please try again later")),
                                    symbols: symbols + [ScoreSymbol("GREYLIST", detail: "deferred")],
                                    marks: [FilterMarks.greylisted: "yes", IntakeVerdict.actionMark: IntakeVerdict.Action.greylist.rawValue])
            }
        }
        if score >= spam.flagScore {
            edits += flagEdits(spam)
            return StageOutcome(headerEdits: edits, symbols: symbols,
                                marks: [FilterMarks.flagged: "yes", IntakeVerdict.actionMark: IntakeVerdict.Action.addHeader.rawValue])
        }
        return StageOutcome(symbols: symbols)
    }

    private func flagEdits(_ spam: SpamSettings) -> [HeaderEdit] {
        var edits: [HeaderEdit] = [.prepend(name: "X-Spam", value: "Yes"), .prepend(name: "X-Spam-Flag", value: "YES")]
        if !spam.subjectPrefix.isEmpty { edits.append(.prefixSubject(spam.subjectPrefix)) }
        return edits
    }

    /// DNSBL of the client (port 25 strangers only: SPEC 8 never looks up authenticated,
    /// trusted or private addresses) and URIBL of the URL domains, within the filter's
    /// budget (at most 3 s: a dead resolver must not hold every message).
    private func blocklistSymbols(_ message: SpamMessage, _ context: IntakeContext, _ spam: SpamSettings,
                                  budget: TimeInterval) async -> [ExternalSymbol] {
        guard let blocklists,
              let checker = blocklists.checker(dnsbl: spam.dnsbl, uribl: spam.uribl,
                                               timeout: .milliseconds(Int64(min(budget, 3) * 1000))) else { return [] }
        var symbols: [ExternalSymbol] = []
        if case .mx = context.origin, context.envelope.authenticatedUser == nil, let client = context.envelope.clientAddress,
           !spam.trustedNetworks.contains(where: { $0.contains(client) }) {
            symbols += await checker.checkClient(address: client)
        }
        symbols += await checker.checkURIs(message.urls)
        return symbols
    }

    /// Greylisting is for strangers on port 25: not authenticated users, relay clients,
    /// trusted networks, allowed senders (skipped earlier) or connector mail.
    private func mayGreylist(_ context: IntakeContext, _ spam: SpamSettings) -> Bool {
        guard case .mx = context.origin, let client = context.envelope.clientAddress else { return false }
        return !spam.trustedNetworks.contains { $0.contains(client) }
    }
}
