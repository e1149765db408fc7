/// `* NAMESPACE personal other shared` (RFC 2342 §5).
public struct IMAPNamespaceResponse: Hashable, Sendable {
    public var personal: [IMAPNamespace]
    public var otherUsers: [IMAPNamespace]
    public var shared: [IMAPNamespace]

    public init(personal: [IMAPNamespace], otherUsers: [IMAPNamespace] = [], shared: [IMAPNamespace] = []) {
        self.personal = personal
        self.otherUsers = otherUsers
        self.shared = shared
    }
}

public struct IMAPNamespace: Hashable, Sendable {
    /// Wire form ("", "Shared/").
    public var prefix: String
    public var delimiter: Character?

    public init(prefix: String, delimiter: Character? = IMAPMailboxName.delimiter) {
        self.prefix = prefix
        self.delimiter = delimiter
    }
}
