import Intake

/// Mail from outside cannot say it was scanned: its `X-Spam*` and `X-Postino*` fields are
/// removed before any check runs (otherwise `X-Spam: Yes` from a stranger would steer the
/// system Sieve script).
public struct UntrustedHeaderStage: IntakeStage {
    public let name = "untrusted-headers"

    public init() {}

    public func applies(to context: IntakeContext) -> Bool { context.origin.isFromOutside }

    public func evaluate(_ message: IntakeMessage, _ context: IntakeContext) async -> StageOutcome {
        StageOutcome(headerEdits: [.remove { name, _ in Self.isUntrusted(name) }])
    }

    static func isUntrusted(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasPrefix("x-spam") || lower.hasPrefix("x-postino")
    }
}
