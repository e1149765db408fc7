/// THREAD and UID THREAD (RFC 5256 §3).
public struct IMAPThreadCommand: Hashable, Sendable {
    public enum Algorithm: String, Hashable, Sendable, CaseIterable {
        case orderedSubject = "ORDEREDSUBJECT"
        case references = "REFERENCES"
    }

    public var byUID: Bool
    public var algorithm: Algorithm
    /// Upper case; only UTF-8 and US-ASCII get past the parser.
    public var charset: String
    public var key: IMAPSearchKey

    public init(byUID: Bool, algorithm: Algorithm, charset: String, key: IMAPSearchKey) {
        self.byUID = byUID
        self.algorithm = algorithm
        self.charset = charset
        self.key = key
    }
}

/// One node of a THREAD response: a message number (nil for a dummy that only groups its
/// children) and its children.
public struct IMAPThreadNode: Hashable, Sendable {
    public var number: UInt32?
    public var children: [IMAPThreadNode]

    public init(_ number: UInt32?, _ children: [IMAPThreadNode] = []) {
        self.number = number
        self.children = children
    }
}
