/// One STATUS item; nil is sent as NIL (APPENDLIMIT without a limit, RFC 7889 §3).
public struct IMAPStatusValue: Hashable, Sendable {
    public var attribute: IMAPStatusAttribute
    public var value: UInt64?

    public init(_ attribute: IMAPStatusAttribute, _ value: UInt64?) {
        self.attribute = attribute
        self.value = value
    }
}
