// What the SMTP server calls into beyond the spool and local delivery, given by the
// wiring (PostinoServer) so that this module needs no dependency on the queue.

/// Wakes the outbound queue (`OutboundAgent.wake`).
public typealias OutboundWake = @Sendable () async -> Void

/// Rewrites a submitted message (its octets with Postino's `Received:` header first, and
/// the envelope sender): returns the new octets, or nil to keep them.
public typealias SubmissionTransform = @Sendable (_ message: [UInt8], _ envelopeSender: String) async -> [UInt8]?
