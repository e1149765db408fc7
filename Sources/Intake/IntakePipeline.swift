import Durability
import Foundation
import Logging
import MailCore
import Metrics
import Spool

/// The one door every message enters by (ARCHITECTURE.md "Intake"): SMTP on every port,
/// messages Postino generates (DSNs, vacation replies, redirects, notices), connectors and
/// the administrator's test message.
///
/// `submit` runs the stages in order — each may accept, refuse, ask for a retry,
/// quarantine, edit the header and add score symbols — applies the header edits once,
/// runs the rewriters (DKIM/disclaimer), commits to the spool (durable before it returns,
/// RFC 5321 §4.5.2 "250 means it is safe") and hands the deliveries to the dispatcher.
public struct IntakePipeline: Sendable {
    public let spool: Spool
    let stages: [any IntakeStage]
    let rewriters: [any IntakeRewriter]
    let recorders: [any IntakeVerdictRecorder]
    let dispatcher: any IntakeDispatcher
    let router: GeneratedMailRouter?
    let logger: Logger

    public init(spool: Spool, stages: [any IntakeStage], rewriters: [any IntakeRewriter] = [],
                recorders: [any IntakeVerdictRecorder] = [], dispatcher: any IntakeDispatcher,
                router: GeneratedMailRouter?, logger: Logger) {
        self.spool = spool
        self.stages = stages
        self.rewriters = rewriters
        self.recorders = recorders
        self.dispatcher = dispatcher
        self.router = router
        self.logger = logger
    }

    /// Submits a received message held in a spool draft. The draft is committed or gone
    /// when this returns.
    public func submit(_ draft: SpoolDraft, envelope: IntakeEnvelope, origin: IntakeOrigin) async -> IntakeResult {
        var context = IntakeContext(queueID: draft.queueID, origin: origin, envelope: envelope)
        let metadata: Logger.Metadata = ["qid": "\(draft.queueID)"]
        let started = ContinuousClock.now
        var run = StageRun()
        let applicable = stages.filter { $0.applies(to: context) }
        if !applicable.isEmpty {
            let message: IntakeMessage
            do {
                message = try await BlockingIO.run { try IntakeMessage(draft: draft) }
            } catch {
                logger.error("cannot read the received message: \(error)", metadata: metadata)
                draft.discard()
                return .refused(.queueWriteError, nil)
            }
            run = await Self.evaluate(applicable, message, &context, started: started)
            if let reply = run.refusal {
                await record(run.verdict, context)
                draft.discard()
                return .refused(reply, run.verdict)
            }
        }
        let edits = run.edits, notices = run.notices
        let verdict = IntakeVerdict(action: Self.acceptedAction(context), symbols: context.symbols, marks: context.marks,
                                    milliseconds: Self.milliseconds(since: started))
        do {
            if !edits.isEmpty {
                let header = edits
                try await spool.editHeader(draft) { HeaderEditor.apply(header, to: $0) }
            }
            var draft = draft
            let wanted = rewriters.filter { $0.applies(to: context) }
            if !wanted.isEmpty {
                let frozen = context
                draft = try await spool.rewrite(draft) { bytes in
                    var current = bytes
                    for rewriter in wanted {
                        do {
                            if let replaced = try await rewriter.rewrite(current, frozen) { current = replaced }
                        } catch {
                            logger.error("\(rewriter.name): \(error); message sent unchanged by it", metadata: metadata)
                        }
                    }
                    return current
                }
            }
            let accepted = try await spool.commit(draft, envelope: spoolEnvelope(context))
            await record(verdict, context)
            await dispatcher.dispatch(accepted)
            for notice in notices { _ = await submit(notice) }
            return .queued(accepted, verdict)
        } catch let error as FileSystemError where error.isOutOfSpace {
            logger.error("cannot queue message: \(error)", metadata: metadata)
            return .refused(.outOfSpace, verdict)
        } catch {
            logger.error("cannot queue message: \(error)", metadata: metadata)
            return .refused(.queueWriteError, verdict)
        }
    }

    /// Submits a message Postino wrote itself. Returns the queued envelope, nil when the
    /// recipient resolves to nothing (logged). Throws when it cannot be queued.
    @discardableResult
    public func submit(_ generated: GeneratedMessage) async -> SpoolEnvelope? {
        do {
            return try await submitGenerated(generated)
        } catch {
            logger.error("cannot queue \(generated.kind.rawValue) to <\(generated.recipient)>: \(error)")
            return nil
        }
    }

    /// As `submit(_:)`, but the error reaches the caller (who retries: DSNs).
    public func submitGenerated(_ generated: GeneratedMessage, notify: [String]? = ["NEVER"]) async throws -> SpoolEnvelope? {
        guard let router else { return nil }
        let deliveries = try await BlockingIO.run { try router.deliveries(to: generated.recipient, notify: notify) }
        guard !deliveries.isEmpty else {
            logger.info("\(generated.kind.rawValue) to <\(generated.recipient)> dropped: no such recipient")
            return nil
        }
        let draft = spool.makeDraft()
        draft.append(generated.bytes)
        let envelope = IntakeEnvelope(sender: generated.sender, recipients: [generated.recipient],
                                      deliveries: deliveries, hopCount: generated.hopCount)
        switch await submit(draft, envelope: envelope, origin: .generated(generated.kind)) {
        case .queued(let accepted, _):
            // As for received mail: the Message-ID once per QID, so a search by it finds the QID.
            if let id = Message(bytes: Self.headerSection(generated.bytes)).messageID {
                logger.info("message-id=\(id)", metadata: ["qid": "\(accepted.queueID)"])
            }
            return accepted
        case .refused(let reply, _):
            throw IntakeRefusal(reply: reply)
        }
    }

    /// The header section of a message (up to the empty line): a DSN may carry a large body.
    static func headerSection(_ bytes: [UInt8]) -> [UInt8] {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x0A && (bytes[index + 1] == 0x0A || (bytes[index + 1] == 0x0D && index + 2 < bytes.count && bytes[index + 2] == 0x0A)) {
                return Array(bytes[...index])
            }
            index += 1
        }
        return bytes
    }

    /// What running the stages on a message decided, before anything is written.
    public struct StageRun: Sendable {
        public var edits: [HeaderEdit] = []
        public var notices: [GeneratedMessage] = []
        /// Set when a stage refused or asked for a retry.
        public var refusal: IntakeReply?
        public var verdict = IntakeVerdict(action: .accept, symbols: [], milliseconds: 0)
    }

    /// Runs `stages` in order on a message (the filter without the spool: `filter scan`
    /// uses it too). A refusal stops the run; a quarantine replaces the deliveries.
    public static func evaluate(_ stages: [any IntakeStage], _ message: IntakeMessage, _ context: inout IntakeContext,
                                started: ContinuousClock.Instant = .now) async -> StageRun {
        var run = StageRun()
        for stage in stages where stage.applies(to: context) {
            let outcome = await stage.evaluate(message, context)
            context.symbols += outcome.symbols
            context.marks.merge(outcome.marks) { _, new in new }
            run.edits += outcome.headerEdits
            run.notices += outcome.notices
            switch outcome.action {
            case .accept:
                continue
            case .refuse(let reply), .tempfail(let reply):
                run.refusal = reply
                let named = context.marks[IntakeVerdict.actionMark].flatMap(IntakeVerdict.Action.init(rawValue:))
                run.verdict = IntakeVerdict(action: named ?? (reply.isTemporary ? .tempfail : .reject), reply: reply,
                                            symbols: context.symbols, marks: context.marks,
                                            milliseconds: milliseconds(since: started))
                return run
            case .quarantine(let deliveries, let reason):
                // Later stages still run (an infected message is refused, not quarantined);
                // those that score spam skip a quarantined message.
                context.envelope.deliveries = deliveries
                context.marks["quarantine"] = reason
            }
        }
        run.verdict = IntakeVerdict(action: Self.acceptedAction(context), symbols: context.symbols, marks: context.marks,
                                    milliseconds: milliseconds(since: started))
        return run
    }

    private func record(_ verdict: IntakeVerdict, _ context: IntakeContext) async {
        // Prometheus (`/metrics`): messages by where they came from and what became of them.
        Counter(label: "postino_messages_total",
                dimensions: [("origin", Self.originName(context.origin)), ("action", verdict.action.rawValue)]).increment()
        for recorder in recorders { await recorder.record(verdict, context) }
    }

    static func originName(_ origin: IntakeOrigin) -> String {
        switch origin {
        case .mx: return "mx"
        case .submission: return "submission"
        case .relayClient: return "relay"
        case .connector: return "connector"
        case .generated: return "generated"
        }
    }

    private func spoolEnvelope(_ context: IntakeContext) -> SpoolEnvelope {
        let envelope = context.envelope
        return SpoolEnvelope(
            queueID: context.queueID, sender: envelope.sender, receivedAt: Date(), origin: context.origin.spoolOrigin,
            deliveries: envelope.deliveries, dsnReturn: envelope.dsnReturn, envelopeID: envelope.envelopeID,
            smtpUTF8: envelope.smtpUTF8, bodyType: envelope.bodyType, authenticatedUser: envelope.authenticatedUser,
            clientAddress: envelope.clientAddress, heloName: envelope.heloName, hopCount: envelope.hopCount)
    }

    /// The action of a message that is queued: quarantine, a stage's name for it, or accept.
    static func acceptedAction(_ context: IntakeContext) -> IntakeVerdict.Action {
        if context.marks["quarantine"] != nil { return .quarantine }
        return context.marks[IntakeVerdict.actionMark].flatMap(IntakeVerdict.Action.init(rawValue:)) ?? .accept
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}

/// A generated message the pipeline would not queue (its reply says why).
public struct IntakeRefusal: Error, CustomStringConvertible {
    public var reply: IntakeReply
    public var description: String { reply.description }
}
