import Foundation
import Intake
import Logging

/// Writes the one mail-log line per scanned message (SPEC 8: the way the administrator
/// explains a verdict) and keeps the verdict in the scan history:
/// `QID: action=reject score=20.00 [BLOCK_FROM(20.00){spam.example}] time=4ms`.
public struct FilterVerdictLog: IntakeVerdictRecorder {
    let store: any FilterStateStore
    let logger: Logger

    public init(store: any FilterStateStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    public func record(_ verdict: IntakeVerdict, _ context: IntakeContext) async {
        guard context.origin.isFiltered else { return }
        logger.info("\(Self.line(verdict))", metadata: ["qid": "\(context.queueID)"])
        let entry = FilterHistoryEntry(
            time: Date().timeIntervalSince1970, queueID: context.queueID.rawValue, sender: context.envelope.sender,
            recipients: context.envelope.recipients, action: verdict.action.rawValue, score: verdict.score,
            symbols: verdict.symbols)
        do {
            try await store.recordVerdict(entry)
        } catch {
            logger.error("filter: cannot record the verdict in the history: \(error)", metadata: ["qid": "\(context.queueID)"])
        }
    }

    public static func line(_ verdict: IntakeVerdict) -> String {
        let symbols = verdict.symbols.map { "\($0.name)(\(String(format: "%.2f", $0.weight))){\($0.detail)}" }
        var line = "filter: action=\(verdict.action.rawValue) score=\(String(format: "%.2f", verdict.score)) [\(symbols.joined(separator: ", "))] time=\(verdict.milliseconds)ms"
        if let allowed = verdict.marks[FilterMarks.allowed] { line += " allowed-by=\(allowed)" }
        if let reply = verdict.reply { line += " reply=\"\(reply)\"" }
        return line
    }
}
