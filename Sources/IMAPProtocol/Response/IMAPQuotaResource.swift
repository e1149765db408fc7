/// Usage and limit of one quota resource (RFC 9208 §5.1).
public struct IMAPQuotaResource: Hashable, Sendable {
    /// Upper case ("STORAGE" in units of 1024 octets, "MESSAGE"…).
    public var name: String
    public var usage: UInt64
    public var limit: UInt64

    public init(name: String, usage: UInt64, limit: UInt64) {
        self.name = name
        self.usage = usage
        self.limit = limit
    }
}
