import Durability
import Foundation
import GRDB
import Intake
import Logging
import Spool
import SpoolStore
import Testing

/// A stage that returns a fixed outcome and remembers what it saw.
struct FixedStage: IntakeStage {
    let name: String
    let outcome: StageOutcome
    var onlyOutside = false

    func applies(to context: IntakeContext) -> Bool { !onlyOutside || context.origin.isFromOutside }
    func evaluate(_ message: IntakeMessage, _ context: IntakeContext) async -> StageOutcome { outcome }
}

/// Records what the pipeline dispatched.
actor RecordingDispatcher: IntakeDispatcher {
    private(set) var dispatched: [SpoolEnvelope] = []
    func dispatch(_ envelope: SpoolEnvelope) async { dispatched.append(envelope) }
}

@Suite("Intake: stage outcomes, header edits, commit and dispatch")
struct IntakePipelineTests {
    let root: URL
    let spool: Spool
    let dispatcher = RecordingDispatcher()

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-intake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        spool = try Spool(directory: root, database: try DatabaseQueue(), barrier: try FileSystemSyncBarrier(directories: [root]))
    }

    func pipeline(_ stages: [any IntakeStage]) -> IntakePipeline {
        IntakePipeline(spool: spool, stages: stages, dispatcher: dispatcher, router: nil,
                       logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    func draft(_ text: String) -> SpoolDraft {
        let draft = spool.makeDraft()
        draft.append(Array(text.utf8))
        return draft
    }

    let envelope = IntakeEnvelope(sender: "a@remote.test", recipients: ["b@example.com"],
                                  deliveries: [SpoolDelivery(target: .mailbox(user: "b", subaddress: nil), recipient: "b@example.com")])
    let message = "Received: by us\r\nX-Spam: Yes\r\nSubject: hello\r\n\r\nbody\r\n"

    @Test func acceptedMessagesAreCommittedAndDispatched() async throws {
        let result = await pipeline([FixedStage(name: "ok", outcome: StageOutcome(symbols: [ScoreSymbol("A", weight: 1.5)]))])
            .submit(draft(message), envelope: envelope, origin: .mx)
        guard case .queued(let accepted, let verdict) = result else { Issue.record("not queued: \(result)"); return }
        #expect(verdict.action == .accept && verdict.score == 1.5)
        #expect(try spool.readMessage(accepted.queueID) == Array(message.utf8))
        #expect(await dispatcher.dispatched.map(\.queueID) == [accepted.queueID])
    }

    @Test(arguments: [
        (StageOutcome.Action.refuse(IntakeReply(554, "5.7.1", "no")), 554, IntakeVerdict.Action.reject),
        (StageOutcome.Action.tempfail(IntakeReply(451, "4.7.1", "later")), 451, IntakeVerdict.Action.tempfail),
    ])
    func refusalsKeepNothingAndStopLaterStages(action: StageOutcome.Action, code: Int, expected: IntakeVerdict.Action) async throws {
        let later = FixedStage(name: "later", outcome: StageOutcome(symbols: [ScoreSymbol("LATER", weight: 9)]))
        let result = await pipeline([FixedStage(name: "no", outcome: StageOutcome(action, symbols: [ScoreSymbol("NO", weight: 1)])), later])
            .submit(draft(message), envelope: envelope, origin: .mx)
        guard case .refused(let reply, let verdict?) = result else { Issue.record("not refused: \(result)"); return }
        #expect(reply.code == code && verdict.action == expected)
        #expect(verdict.symbols.map(\.name) == ["NO"])
        #expect(await dispatcher.dispatched.isEmpty)
        try await Task.sleep(for: .milliseconds(50))  // the draft's removal runs on its writer queue
        #expect(DurableFile.list(root.path + "/incoming").isEmpty && DurableFile.list(root.path + "/active").isEmpty)
    }

    @Test func quarantineReplacesTheDeliveries() async throws {
        let quarantine = [SpoolDelivery(target: .mailbox(user: "quarantine", subaddress: nil), recipient: nil)]
        let result = await pipeline([FixedStage(name: "q", outcome: StageOutcome(.quarantine(deliveries: quarantine, reason: "rule")))])
            .submit(draft(message), envelope: envelope, origin: .mx)
        guard case .queued(let accepted, let verdict) = result else { Issue.record("not queued: \(result)"); return }
        #expect(verdict.action == .quarantine)
        #expect(accepted.deliveries == quarantine)
    }

    @Test func aLaterRefusalBeatsAQuarantine() async throws {
        // A message a block rule quarantines must still be refused when it carries a virus.
        let quarantine = [SpoolDelivery(target: .mailbox(user: "quarantine", subaddress: nil), recipient: nil)]
        let result = await pipeline([
            FixedStage(name: "q", outcome: StageOutcome(.quarantine(deliveries: quarantine, reason: "rule"))),
            FixedStage(name: "virus", outcome: StageOutcome(.refuse(IntakeReply(554, "5.7.1", "virus")))),
        ]).submit(draft(message), envelope: envelope, origin: .mx)
        guard case .refused(let reply, _) = result else { Issue.record("quarantined a refused message"); return }
        #expect(reply.code == 554)
    }

    @Test func headerEditsAreAppliedOnceBeforeTheCommit() async throws {
        let edits: [HeaderEdit] = [.remove { name, _ in name.lowercased() == "x-spam" }, .prepend(name: "X-Added", value: "1"),
                                   .prefixSubject("[SPAM]")]
        let result = await pipeline([FixedStage(name: "edit", outcome: StageOutcome(headerEdits: edits))])
            .submit(draft(message), envelope: envelope, origin: .mx)
        guard case .queued(let accepted, _) = result else { Issue.record("not queued: \(result)"); return }
        let stored = String(decoding: try spool.readMessage(accepted.queueID), as: UTF8.self)
        #expect(stored == "X-Added: 1\r\nReceived: by us\r\nSubject: [SPAM] hello\r\n\r\nbody\r\n")
        #expect(accepted.size == stored.utf8.count)
    }

    @Test func largeSpilledMessagesAreEditedWithoutLosingTheirBody() async throws {
        let spool = try Spool(directory: root, database: try DatabaseQueue(), barrier: try FileSystemSyncBarrier(directories: [root]),
                              spillThreshold: 16)
        let pipeline = IntakePipeline(spool: spool, stages: [FixedStage(name: "edit", outcome: StageOutcome(headerEdits: [.prepend(name: "X-A", value: "b")]))],
                                      dispatcher: dispatcher, router: nil, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let body = String(repeating: "line of body text\r\n", count: 20_000)
        let draft = spool.makeDraft()
        for chunk in Array(("Subject: big\r\n\r\n" + body).utf8).chunked(into: 1000) { draft.append(chunk) }
        guard case .queued(let accepted, _) = await pipeline.submit(draft, envelope: envelope, origin: .mx) else {
            Issue.record("not queued"); return
        }
        #expect(try spool.readMessage(accepted.queueID) == Array(("X-A: b\r\nSubject: big\r\n\r\n" + body).utf8))
    }

    @Test func stagesThatDoNotApplyAreSkipped() async throws {
        let outsideOnly = FixedStage(name: "strip", outcome: StageOutcome(.refuse(IntakeReply(554, "5.7.1", "x"))), onlyOutside: true)
        let result = await pipeline([outsideOnly]).submit(draft(message), envelope: envelope, origin: .generated(.deliveryNotice))
        guard case .queued = result else { Issue.record("a generated message went through an outside-only stage"); return }
    }
}

@Suite("Intake: header editor")
struct HeaderEditorTests {
    @Test func removalTakesContinuationLinesAndPrefixAddsASubjectWhenMissing() {
        let header = Array("X-Spam-Status: Yes,\r\n\tscore=9\r\nFrom: a@b\r\n\r\n".utf8)
        let edited = HeaderEditor.apply([.remove { name, _ in name.hasPrefix("X-Spam") }, .prefixSubject("***SPAM***")], to: header)
        #expect(String(decoding: edited, as: UTF8.self) == "From: a@b\r\nSubject: ***SPAM***\r\n\r\n")
    }
}

extension Array {
    func chunked(into size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min(count, $0 + size)]) }
    }
}
