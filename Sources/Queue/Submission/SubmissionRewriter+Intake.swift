import Intake

/// The disclaimer and DKIM signature as intake's last step: mail of authenticated users
/// on ports 587/465 only (mail received on port 25 is passed on as it came).
extension SubmissionRewriter: IntakeRewriter {
    public var name: String { "submission-rewrite" }

    public func applies(to context: IntakeContext) -> Bool {
        guard case .submission = context.origin else { return false }
        return context.envelope.listener != "smtp"
    }

    public func rewrite(_ bytes: [UInt8], _ context: IntakeContext) async throws -> [UInt8]? {
        try await rewrite(bytes, envelopeSender: context.envelope.sender, queueID: context.queueID.rawValue)
    }
}
