/// A SETQUOTA resource limit (RFC 9208 §4.1.3): STORAGE in units of 1024 octets,
/// MESSAGE in messages…
public struct IMAPQuotaLimit: Hashable, Sendable {
    /// Upper case ("STORAGE", "MESSAGE", "MAILBOX", "ANNOTATION-STORAGE").
    public var resource: String
    public var limit: UInt64

    public init(resource: String, limit: UInt64) {
        self.resource = resource
        self.limit = limit
    }
}
