/// One field of an ID command or response (RFC 2971 §3.3): a key and an optional value.
public struct IMAPIDField: Hashable, Sendable {
    public var key: String
    public var value: String?
    public init(_ key: String, _ value: String?) {
        self.key = key
        self.value = value
    }
}
