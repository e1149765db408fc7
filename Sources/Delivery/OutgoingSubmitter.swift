import Intake
import Spool

/// Queues messages generated at delivery (redirects, vacation replies, reject notices)
/// through the intake pipeline, like any other message: the recipient is resolved there
/// (a local user gets it locally, another server through the outbound queue) and the
/// dispatcher hands it on.
struct OutgoingSubmitter: Sendable {
    let intake: IntakePipeline

    /// Returns the queued envelope, nil when the recipient resolves to nothing.
    func submit(_ message: OutgoingMessage, hopCount: Int) async throws -> SpoolEnvelope? {
        let kind: IntakeOrigin.GeneratedKind
        switch message.kind {
        case .redirect: kind = .redirect
        case .vacation: kind = .vacation
        case .reject: kind = .rejectNotice
        }
        // A redirect keeps the original sender, who gets the usual failure notices.
        return try await intake.submitGenerated(
            GeneratedMessage(kind: kind, sender: message.sender, recipient: message.recipient, bytes: message.bytes,
                             hopCount: hopCount),
            notify: nil)
    }
}
