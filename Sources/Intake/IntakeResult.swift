import Spool

/// How a submission ended.
public enum IntakeResult: Sendable {
    /// On disk and handed to the dispatcher: the caller may answer `250`.
    case queued(SpoolEnvelope, IntakeVerdict)
    /// Refused (`5xx`) or to be retried (`4xx`): nothing was kept.
    case refused(IntakeReply, IntakeVerdict?)
}
