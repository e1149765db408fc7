import Durability
import Intake
import Logging

/// The attachment blocker (SPEC 8): refuses a message carrying a forbidden file type,
/// recognised by content. Reads the message once as a stream. Allowed senders are
/// blocked too (an allow rule skips the antivirus and antispam only).
public struct AttachmentStage: IntakeStage {
    public let name = "attachments"
    let settings: FilterSettingsSource
    let logger: Logger

    public init(settings: FilterSettingsSource, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    public func applies(to context: IntakeContext) -> Bool { context.origin.isFiltered }

    public func evaluate(_ message: IntakeMessage, _ context: IntakeContext) async -> StageOutcome {
        do {
            let findings = try await BlockingIO.run { [settings] () throws -> [AttachmentFinding] in
                let current = try settings.current()
                guard current.attachmentsEnabled else { return [] }
                return try Self.scan(message, policy: current.attachments)
            }
            guard let first = findings.first else { return .accept }
            let symbols = findings.map { ScoreSymbol("ATTACHMENT_BLOCKED", weight: 0, detail: $0.description) }
            return StageOutcome(.refuse(IntakeReply(554, "5.7.1", "Message refused: forbidden attachment (\(first.description))")),
                                symbols: symbols)
        } catch {
            logger.error("filter: attachment check failed: \(error)", metadata: ["qid": "\(context.queueID)"])
            return StageOutcome(.tempfail(IntakeReply(451, "4.3.0", "Temporary filter failure, try again later")))
        }
    }

    /// Every forbidden thing in the message (blocking).
    public static func scan(_ message: IntakeMessage, policy: AttachmentPolicy) throws -> [AttachmentFinding] {
        var scanner = MIMEStreamScanner()
        var findings: [AttachmentFinding] = []
        scanner.onPart = { part in findings += AttachmentInspector.findings(in: part, policy: policy) }
        try message.read { chunk in
            scanner.feed(chunk)
            return true
        }
        scanner.finish()
        return findings
    }
}
